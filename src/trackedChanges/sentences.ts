/**
 * Splits text into sentence units that concatenate back to the text: each
 * unit keeps the spaces after it, and a line break always ends a unit, so a
 * heading, a list item or a table row is never joined with the next line.
 */

const sentenceSegmenter = new Intl.Segmenter('und', { granularity: 'sentence' });

export function splitSentences(text: string): string[] {
  const units: string[] = [];
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    const body = line.replace(/\r?\n$/, '');
    const lineEnd = line.slice(body.length);
    if (!body.trim()) {
      // Blank or space-only lines are one unit, so paragraph breaks align with paragraph breaks.
      units.push(line);
      continue;
    }
    const first = units.length;
    for (const { segment } of sentenceSegmenter.segment(body)) units.push(segment);
    units[units.length - 1] += lineEnd;
    if (units.length === first) units.push(lineEnd);
  }
  return units;
}
