/**
 * Every request frames the user's text in a tag with a random code of its
 * own (`<inkwell-text-k3…>`). Tests that compare a prompt with the text they
 * expect take the codes out first.
 */
export function withoutFrameCodes(prompt: string): string {
  return prompt.replace(/<(\/?)inkwell-text-[a-z0-9]+>/g, '<$1inkwell-text>');
}
