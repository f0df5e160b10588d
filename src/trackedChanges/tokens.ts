/**
 * Splits prose into the pieces a reviewer reads as one unit: words (from
 * `Intl.Segmenter`, so Chinese splits into words, not characters),
 * whitespace runs, punctuation, and Markdown atoms that only make sense
 * whole — a change never cuts through inline code, a link, a URL, a
 * footnote reference, math or an HTML tag.
 */

const atomPatterns = [
  /(`+)[^\n]*?\1/y, // inline code, any fence length
  /!?\[[^\]\n]*\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"\n]*")?\)/y, // link or image with its target
  /!?\[[^\]\n]+\]\[[^\]\n]*\]/y, // reference link
  /\[\^[^\]\s]+\]:?/y, // footnote reference or definition label
  /<(?:https?:\/\/|mailto:)[^>\s]+>/y, // autolink
  /https?:\/\/[^\s<>()[\]{}"'`]*[^\s<>()[\]{}"'`.,;:!?。，；：！？、]/y, // bare URL without trailing punctuation
  /\$\$[^$]+\$\$/y, // display math
  /\$(?=\S)[^$\n]*?\S\$(?!\d)/y, // inline math ($5 and $10 is not math)
  /<\/?[A-Za-z][\w-]*(?:\s[^<>\n]*)?\/?>/y, // HTML tag
];

/** Emphasis markers are kept apart from the words they wrap, a whole run (`**`) as one token. */
const emphasisRun = /\*{1,3}(?!\*)|_{1,3}(?!_)|~~|==/y;

const atomStarts = /[`![<h$*_~=]/;

const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Sentences repeat (a diff reads each one on both sides, twice): their tokens are kept for a while. */
const remembered = new Map<string, string[]>();
const rememberedLimit = 4096;

/** The tokens of `text`, which concatenate back to exactly `text`. Do not modify the array. */
export function tokenize(text: string): readonly string[] {
  let tokens = remembered.get(text);
  if (!tokens) {
    if (remembered.size >= rememberedLimit) remembered.clear();
    tokens = tokenizeFresh(text);
    remembered.set(text, tokens);
  }
  return tokens;
}

function tokenizeFresh(text: string): string[] {
  const tokens: string[] = [];
  let plainStart = 0;
  let at = 0;
  while (at < text.length) {
    const atom = atomStarts.test(text[at]) ? matchAtom(text, at) : undefined;
    if (atom === undefined) {
      at++;
      continue;
    }
    if (plainStart < at) pushPlain(text.slice(plainStart, at), tokens);
    tokens.push(atom);
    at += atom.length;
    plainStart = at;
  }
  if (plainStart < text.length) pushPlain(text.slice(plainStart), tokens);
  return tokens;
}

function matchAtom(text: string, at: number): string | undefined {
  if (text[at] === '_' && isInsideName(text, at)) return undefined;
  for (const pattern of atomPatterns) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match && match[0].length > 0) return match[0];
  }
  emphasisRun.lastIndex = at;
  const marker = emphasisRun.exec(text)?.[0];
  if (!marker) return undefined;
  const before = text[at - 1] ?? ' ';
  const after = text[at + marker.length] ?? ' ';
  // A marker touches the word it emphasises; "a * b" is an asterisk, not emphasis.
  return /\s/.test(before) && /\s/.test(after) ? undefined : marker;
}

function pushPlain(plain: string, tokens: string[]): void {
  for (const { segment } of wordSegmenter.segment(plain)) {
    const last = tokens.length - 1;
    // One token per whitespace run (three spaces are one gap, not three edits) and per marker run.
    const joins = last >= 0 && isWhitespace(segment) && isWhitespace(tokens[last]);
    if (joins) tokens[last] += segment;
    else tokens.push(segment);
  }
}

/** Underscores with a letter on both sides belong to a name (snake_case), not to emphasis. */
function isInsideName(text: string, at: number): boolean {
  let end = at;
  while (text[end] === '_') end++;
  const letter = /[\p{L}\p{N}]/u;
  return at > 0 && (text[at - 1] === '_' || (letter.test(text[at - 1]) && letter.test(text[end] ?? '')));
}

export function isWhitespace(token: string): boolean {
  return /^\s+$/.test(token);
}

/** Whether a token carries meaning a reader would count as a word (not space or punctuation). */
export function isWordLike(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token) || (token.length > 1 && !/^[\p{P}\p{S}\s]+$/u.test(token));
}
