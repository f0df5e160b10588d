/**
 * Model answers that are cheap to send and were expensive to parse: a URL
 * followed by a long run of `*`. markdown-it 14.1.0 trimmed trailing `*`
 * from a linkified URL with a backtracking regex, quadratic in the run when
 * something follows it. Shared by the unit tests (the result must be right)
 * and the benchmark (the time must stay near a normal answer's).
 */
export interface PathologicalAnswer {
  label: string;
  text: string;
  /** The one link the answer must render, as its href and its text. */
  link: string;
}

const url = 'https://a.example/';

function stars(count: number, tail: string): PathologicalAnswer {
  const text = `${url}${'*'.repeat(count)}${tail}`;
  return {
    label: `${url} and ${count.toLocaleString('en-US')} \`*\`${tail ? ` then "${tail}"` : ''}`,
    text,
    // Trailing `*` are not part of a URL; with a letter after them they are.
    link: tail ? text : url,
  };
}

export const pathologicalAnswers: readonly PathologicalAnswer[] = [
  stars(40_000, ''),
  stars(120_000, ''),
  stars(40_000, 'a'),
  stars(120_000, 'a'),
];
