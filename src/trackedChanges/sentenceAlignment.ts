import { diffArrays } from 'diff';
import { isWordLike, tokenize } from './tokens';

/** How one stretch of the proposal relates to the original, unit by unit. */
export type AlignmentStep =
  | { kind: 'same'; original: number; proposed: number }
  | { kind: 'pair'; original: number; proposed: number }
  | { kind: 'deleted'; original: number }
  | { kind: 'inserted'; proposed: number };

/** Below this word overlap two sentences are different sentences, not one sentence edited. */
const pairingThreshold = 0.3;
/** Blocks larger than this (units × units) are paired along the diagonal only, to keep the cost linear. */
const fullPairingCells = 40_000;
const band = 12;

/**
 * Aligns sentence units: identical ones by an exact diff, then inside each
 * changed block the pairing with the most word overlap (a monotone
 * alignment, so the proposal's order is kept). Unpaired units are deleted
 * or inserted sentences.
 */
export function alignSentences(original: readonly string[], proposed: readonly string[]): AlignmentStep[] {
  const steps: AlignmentStep[] = [];
  let o = 0;
  let p = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    steps.push(...pairBlock(original, proposed, removed, added));
    removed = [];
    added = [];
  };
  for (const part of diffArrays(original as string[], proposed as string[])) {
    const count = part.value.length;
    if (part.removed) {
      for (let k = 0; k < count; k++) removed.push(o++);
    } else if (part.added) {
      for (let k = 0; k < count; k++) added.push(p++);
    } else {
      flush();
      for (let k = 0; k < count; k++) steps.push({ kind: 'same', original: o++, proposed: p++ });
    }
  }
  flush();
  return steps;
}

function pairBlock(original: readonly string[], proposed: readonly string[], removed: number[], added: number[]): AlignmentStep[] {
  if (!removed.length) return added.map((index) => ({ kind: 'inserted', proposed: index }));
  if (!added.length) return removed.map((index) => ({ kind: 'deleted', original: index }));
  const left = removed.map((index) => wordBag(original[index]));
  const right = added.map((index) => wordBag(proposed[index]));
  const rows = left.length;
  const cols = right.length;
  const banded = rows * cols > fullPairingCells;
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
      const near = !banded || Math.abs(i * cols - j * rows) <= band * Math.max(rows, cols);
      if (i > 0 && j > 0 && near) {
        const overlap = similarity(left[i - 1], right[j - 1]);
        if (overlap >= pairingThreshold && score[i - 1][j - 1] + overlap > best) [best, how] = [score[i - 1][j - 1] + overlap, 3];
      }
      score[i][j] = best;
      move[i][j] = how;
    }
  }
  const steps: AlignmentStep[] = [];
  for (let i = rows, j = cols; i > 0 || j > 0;) {
    const how = move[i][j];
    if (how === 3) steps.push({ kind: 'pair', original: removed[--i], proposed: added[--j] });
    else if (how === 1) steps.push({ kind: 'deleted', original: removed[--i] });
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
