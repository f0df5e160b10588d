import { estimateTokens } from './tokenEstimate';

/**
 * Splits text into parts that each fit `maxTokens`, cutting at the largest
 * natural boundary that works: Markdown headings, then paragraphs, then
 * sentences (English and Chinese punctuation), then plain length. Parts keep
 * every character, so `parts.join('') === text`, and a code fence is never
 * cut at a heading or paragraph inside it.
 */
export function splitText(text: string, maxTokens: number, estimate: (text: string) => number = estimateTokens): string[] {
  if (estimate(text) <= maxTokens) return [text];
  const levels: Array<(text: string) => string[]> = [
    splitAtHeadings,
    splitAtParagraphs,
    splitAtSentences,
    (piece) => splitByLength(piece, maxTokens, estimate),
  ];
  return pack(splitDown(text, 0), maxTokens, estimate);

  function splitDown(piece: string, level: number): string[] {
    if (estimate(piece) <= maxTokens || level >= levels.length) return [piece];
    const pieces = levels[level](piece);
    if (pieces.length <= 1) return splitDown(piece, level + 1);
    return pieces.flatMap((sub) => splitDown(sub, level + 1));
  }
}

/** Joins neighbouring pieces back together while they fit, so there are as few parts as possible. */
function pack(pieces: string[], maxTokens: number, estimate: (text: string) => number): string[] {
  const parts: string[] = [];
  let current = '';
  let currentTokens = 0;
  for (const piece of pieces) {
    const tokens = estimate(piece);
    if (current && currentTokens + tokens > maxTokens) {
      parts.push(current);
      current = '';
      currentTokens = 0;
    }
    current += piece;
    currentTokens += tokens;
  }
  if (current) parts.push(current);
  return parts;
}

/** Cuts before each line that starts a heading, outside fenced code. */
function splitAtLines(text: string, startsPiece: (line: string, previousBlank: boolean) => boolean): string[] {
  const pieces: string[] = [];
  let start = 0;
  let offset = 0;
  let fence: string | undefined;
  let previousBlank = false;
  for (const line of text.split(/(?<=\n)/)) {
    const trimmed = line.trim();
    const marker = trimmed.match(/^(`{3,}|~{3,})/)?.[1];
    if (marker) {
      if (!fence) fence = marker;
      else if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') fence = undefined;
    } else if (!fence && offset > start && startsPiece(line, previousBlank)) {
      pieces.push(text.slice(start, offset));
      start = offset;
    }
    previousBlank = trimmed === '';
    offset += line.length;
  }
  pieces.push(text.slice(start));
  return pieces.filter((piece) => piece.length > 0);
}

function splitAtHeadings(text: string): string[] {
  return splitAtLines(text, (line) => /^#{1,6}\s/.test(line));
}

function splitAtParagraphs(text: string): string[] {
  return splitAtLines(text, (line, previousBlank) => previousBlank && line.trim() !== '');
}

/** Sentence ends: . ! ? followed by space, or Chinese 。！？ (which need no space), with closing quotes. */
function splitAtSentences(text: string): string[] {
  return text.split(/(?<=[.!?]["'”’)]?\s+|[。！？；][”’」』）]?)/).filter((piece) => piece.length > 0);
}

function splitByLength(text: string, maxTokens: number, estimate: (text: string) => number): string[] {
  const ratio = Math.max(1, Math.floor((text.length * maxTokens) / Math.max(1, estimate(text))));
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += ratio) pieces.push(text.slice(at, at + ratio));
  return pieces;
}
