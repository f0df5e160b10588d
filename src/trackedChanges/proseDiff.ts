import { diffArrays } from 'diff';
import type { ProseChange } from './proseChange';
import { alignSentences, type AlignmentStep } from './sentenceAlignment';
import { splitSentences } from './sentences';
import { isWordLike, tokenize } from './tokens';

/** When more than this share of a sentence's words changed, it reads as one sentence replaced. */
const rewrittenShare = 0.6;
/** Unchanged stretches of at most this many words (spaces and punctuation only) between two edits are folded into one change. */
const foldedWords = 0;

/** A change before ids are given, with offsets in the original. */
export type Edit = Omit<ProseChange, 'id'>;

/**
 * The changes that turn `original` into `proposed`, as a reader groups them:
 * sentences aligned first, then words inside aligned sentences, with small
 * edits close together in one sentence joined, and mostly rewritten
 * sentences shown as one replacement.
 */
export function diffProse(original: string, proposed: string): ProseChange[] {
  return numberChanges(diffUnits(splitSentences(original), splitSentences(proposed), 0));
}

export function numberChanges(edits: readonly Edit[], firstNumber = 1): ProseChange[] {
  return edits.map((edit, index) => ({ id: `c${firstNumber + index}`, ...edit }));
}

/** Diffs sentence units; `base` is the original offset of the first original unit. */
export function diffUnits(original: readonly string[], proposed: readonly string[], base: number): Edit[] {
  return editsFor(alignSentences(original, proposed), original, proposed, base);
}

export function editsFor(steps: readonly AlignmentStep[], original: readonly string[], proposed: readonly string[], base: number): Edit[] {
  const edits: Edit[] = [];
  let at = base;
  // Runs of deleted and inserted sentences become one edit: a reader sees "these sentences became those".
  let run: Edit | undefined;
  const endRun = () => {
    if (run) edits.push(withoutSharedEnding(run));
    run = undefined;
  };
  for (const step of steps) {
    if (step.kind === 'same') {
      endRun();
      at += original[step.original].length;
    } else if (step.kind === 'pair') {
      endRun();
      edits.push(...diffSentence(original[step.original], proposed[step.proposed], at));
      at += original[step.original].length;
    } else if (step.kind === 'deleted') {
      const text = original[step.original];
      run ??= { start: at, end: at, original: '', proposed: '' };
      run.end += text.length;
      run.original += text;
      at += text.length;
    } else {
      run ??= { start: at, end: at, original: '', proposed: '' };
      run.proposed += proposed[step.proposed];
    }
  }
  endRun();
  return joinTouching(edits);
}

/** Edits that meet (an insertion right after a replacement) read as one. */
function joinTouching(edits: Edit[]): Edit[] {
  const joined: Edit[] = [];
  for (const edit of edits) {
    const last = joined[joined.length - 1];
    if (last && last.end === edit.start) {
      last.end = edit.end;
      last.original += edit.original;
      last.proposed += edit.proposed;
    } else {
      joined.push({ ...edit });
    }
  }
  return joined;
}

/** Leaves the spacing and line break that both sides end with out of the change. */
function withoutSharedEnding(edit: Edit): Edit {
  const { original, proposed } = edit;
  let shared = 0;
  while (
    shared < original.length &&
    shared < proposed.length &&
    /\s/.test(original[original.length - 1 - shared]) &&
    original[original.length - 1 - shared] === proposed[proposed.length - 1 - shared]
  )
    shared++;
  return {
    start: edit.start,
    end: edit.end - shared,
    original: original.slice(0, original.length - shared),
    proposed: proposed.slice(0, proposed.length - shared),
  };
}

interface Hunk {
  same: boolean;
  original: string[];
  proposed: string[];
}

/** Word-level edits between two aligned sentences, `at` being where the original one starts. */
function diffSentence(original: string, proposed: string, at: number): Edit[] {
  const hunks = toHunks(diffArrays(tokenize(original) as string[], tokenize(proposed) as string[]));
  const changedWords = hunks.filter((hunk) => !hunk.same).reduce((sum, hunk) => sum + words(hunk.original) + words(hunk.proposed), 0);
  const totalWords = words(hunks.flatMap((hunk) => hunk.original)) + words(hunks.flatMap((hunk) => hunk.proposed));
  if (totalWords > 0 && changedWords / totalWords > rewrittenShare) return [wholeSentence(original, proposed, at)];
  const edits: Edit[] = [];
  let offset = at;
  let open: Edit | undefined;
  hunks.forEach((hunk, index) => {
    const originalText = hunk.original.join('');
    if (!hunk.same) {
      open ??= { start: offset, end: offset, original: '', proposed: '' };
      open.end += originalText.length;
      open.original += originalText;
      open.proposed += hunk.proposed.join('');
    } else if (open && index < hunks.length - 1 && isFoldable(hunk.original, hunks[index - 1], hunks[index + 1])) {
      open.end += originalText.length;
      open.original += originalText;
      open.proposed += originalText;
    } else if (open) {
      edits.push(open);
      open = undefined;
    }
    offset += originalText.length;
  });
  if (open) edits.push(open);
  return edits;
}

/** One replacement for the sentence, leaving out the spacing and line break both share at the end. */
function wholeSentence(original: string, proposed: string, at: number): Edit {
  return withoutSharedEnding({ start: at, end: at + original.length, original, proposed });
}

function toHunks(parts: ReturnType<typeof diffArrays<string>>): Hunk[] {
  const hunks: Hunk[] = [];
  for (const part of parts) {
    const last = hunks[hunks.length - 1];
    if (!part.added && !part.removed) {
      hunks.push({ same: true, original: part.value, proposed: part.value });
    } else if (last && !last.same) {
      (part.added ? last.proposed : last.original).push(...part.value);
    } else {
      hunks.push({ same: false, original: part.removed ? [...part.value] : [], proposed: part.added ? [...part.value] : [] });
    }
  }
  return hunks;
}

function words(tokens: readonly string[]): number {
  return tokens.filter(isWordLike).length;
}

/**
 * A short unchanged stretch between two edits, never across a line break:
 * spacing or punctuation, or one word wrapped in added or removed marks
 * (`**important**`, `(aside)`), which reads as one edit of that word.
 */
function isFoldable(tokens: readonly string[], before: Hunk, after: Hunk): boolean {
  if (tokens.some((token) => token.includes('\n'))) return false;
  const marksOnly = (hunk: Hunk) => words(hunk.original) + words(hunk.proposed) === 0;
  return words(tokens) <= (marksOnly(before) && marksOnly(after) ? 1 : foldedWords);
}
