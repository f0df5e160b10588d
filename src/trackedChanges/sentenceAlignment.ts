import { isWordLike, tokenize } from './tokens';

/** How one stretch of the proposal relates to the original, unit by unit. */
export type AlignmentStep =
  | { kind: 'same'; original: number; proposed: number }
  | { kind: 'pair'; original: number; proposed: number }
  | { kind: 'deleted'; original: number }
  | { kind: 'inserted'; proposed: number };

/** Below this word overlap two sentences are different sentences, not one sentence edited. */
const pairingThreshold = 0.3;
/**
 * Blocks larger than this (units × units) are paired near the diagonal only:
 * a rewrite keeps its sentences roughly in order, and comparing every
 * sentence with every other would cost the square of the length.
 */
const fullPairingCells = 10_000;
/** How far off the diagonal a pairing may be, beyond the difference in sentence counts. */
const bandSlack = 4;

/**
 * Aligns sentence units: the unchanged start and end first, then, in
 * between, the monotone pairing with the most word overlap (identical
 * sentences overlap fully), so the proposal's order is kept. Unpaired
 * units are deleted or inserted sentences. Long stretches are paired near
 * the diagonal only, which keeps the cost linear in the text's length.
 */
export function alignSentences(original: readonly string[], proposed: readonly string[]): AlignmentStep[] {
  let head = 0;
  while (head < original.length && head < proposed.length && original[head] === proposed[head]) head++;
  let tail = 0;
  while (
    tail < original.length - head &&
    tail < proposed.length - head &&
    original[original.length - 1 - tail] === proposed[proposed.length - 1 - tail]
  )
    tail++;
  const steps: AlignmentStep[] = [];
  for (let index = 0; index < head; index++) steps.push({ kind: 'same', original: index, proposed: index });
  const removed = range(head, original.length - tail);
  const added = range(head, proposed.length - tail);
  steps.push(...pairBlock(original, proposed, removed, added));
  for (let index = tail; index > 0; index--)
    steps.push({ kind: 'same', original: original.length - index, proposed: proposed.length - index });
  return steps;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);
}

function pairBlock(original: readonly string[], proposed: readonly string[], removed: number[], added: number[]): AlignmentStep[] {
  if (!removed.length) return added.map((index) => ({ kind: 'inserted', proposed: index }));
  if (!added.length) return removed.map((index) => ({ kind: 'deleted', original: index }));
  const left = removed.map((index) => wordBag(original[index]));
  const right = added.map((index) => wordBag(proposed[index]));
  const rows = left.length;
  const cols = right.length;
  const band = rows * cols > fullPairingCells ? Math.abs(rows - cols) + bandSlack : Infinity;
  // score[i][j]: the best total overlap aligning the first i removed with the first j added units.
  const score = Array.from({ length: rows + 1 }, () => new Float64Array(cols + 1));
  const move = Array.from({ length: rows + 1 }, () => new Uint8Array(cols + 1));
  for (let i = 0; i <= rows; i++) {
    for (let j = 0; j <= cols; j++) {
      if (i === 0 && j === 0) continue;
      let best = -1;
      let how = 0;
      if (i > 0 && score[i - 1][j] > best) [best, how] = [score[i - 1][j], 1];
      if (j > 0 && score[i][j - 1] > best) [best, how] = [score[i][j - 1], 2];
      if (i > 0 && j > 0 && Math.abs(i * cols - j * rows) <= band * Math.max(rows, cols)) {
        // An identical sentence counts a little more than a fully overlapping one, so it is never passed over.
        const overlap = original[removed[i - 1]] === proposed[added[j - 1]] ? 1.01 : similarity(left[i - 1], right[j - 1]);
        if (overlap >= pairingThreshold && score[i - 1][j - 1] + overlap > best) [best, how] = [score[i - 1][j - 1] + overlap, 3];
      }
      score[i][j] = best;
      move[i][j] = how;
    }
  }
  const steps: AlignmentStep[] = [];
  for (let i = rows, j = cols; i > 0 || j > 0;) {
    const how = move[i][j];
    if (how === 3) {
      const [o, p] = [removed[--i], added[--j]];
      steps.push({ kind: original[o] === proposed[p] ? 'same' : 'pair', original: o, proposed: p });
    } else if (how === 1) steps.push({ kind: 'deleted', original: removed[--i] });
    else steps.push({ kind: 'inserted', proposed: added[--j] });
  }
  return steps.reverse();
}

type WordBag = Map<string, number>;

function wordBag(unit: string): WordBag {
  const bag: WordBag = new Map();
  for (const token of tokenize(unit)) {
    if (!isWordLike(token)) continue;
    const word = token.toLowerCase();
    bag.set(word, (bag.get(word) ?? 0) + 1);
  }
  return bag;
}

/** Dice overlap of two word bags, 0 (nothing shared) to 1 (same words). */
export function similarity(a: WordBag, b: WordBag): number {
  let shared = 0;
  let total = 0;
  for (const count of a.values()) total += count;
  for (const [word, count] of b) {
    total += count;
    shared += Math.min(count, a.get(word) ?? 0);
  }
  return total === 0 ? 1 : (2 * shared) / total;
}
