/**
 * Exact token counts for OpenAI models. This file is its own bundle
 * (dist/tokenizer.js, megabytes of vocabulary) and is loaded only when a
 * count must be exact: never on activation. Only o200k (every current OpenAI
 * model) is shipped; older gpt-4/3.5 models get the estimate.
 */
// The package exports its CommonJS build only under the `require` condition.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import o200k = require('gpt-tokenizer/cjs/encoding/o200k_base');

/** The exact counter for an OpenAI model, or undefined for models whose vocabulary we do not ship. */
export function exactTokenCounter(model: string): ((text: string) => number) | undefined {
  const bare = (model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model).toLowerCase();
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d)/.test(bare)) return (text) => o200k.countTokens(text);
  return undefined;
}
