import { diffUnits, editsFor, numberChanges } from './proseDiff';
import type { ProseChange } from './proseChange';
import { alignSentences, type AlignmentStep } from './sentenceAlignment';
import { splitSentences } from './sentences';

/** Sentences that must follow a match before it counts as settled: a later sentence may still pair better. */
const settleLag = 2;
/** How many original sentences beyond the proposal's count the tail may be matched against. */
const lookahead = 6;

/** What a streamed proposal shows so far. */
export interface StreamedChanges {
  /** Final: never change again while the answer streams. Shared, not copied: append-only. */
  settled: readonly ProseChange[];
  /** Provisional, re-computed as the answer grows: the unsettled tail only. */
  tail: ProseChange[];
  /** The offset in the original up to which the proposal has arrived. */
  reachedOriginal: number;
}

/**
 * Diffs a proposal while it streams in, in time proportional to what
 * arrives: sentences settle once later ones have matched the original,
 * and each update re-diffs only the unsettled tail against the next few
 * original sentences. The sentence still being written is left out until
 * it ends.
 */
export class StreamingProseDiff {
  private readonly units: string[];
  private readonly unitStarts: number[];
  private settledUnits = 0;
  private settledProposed = 0;
  private readonly settled: ProseChange[] = [];
  private lastTail: StreamedChanges | undefined;
  private lastCompleteEnd = -1;

  constructor(original: string) {
    this.units = splitSentences(original);
    this.unitStarts = [];
    let at = 0;
    for (const unit of this.units) {
      this.unitStarts.push(at);
      at += unit.length;
    }
    this.unitStarts.push(at);
  }

  /** `proposed` is the whole answer so far (it only grows). */
  update(proposed: string): StreamedChanges {
    for (;;) {
      const complete = splitSentences(proposed.slice(this.settledProposed)).slice(0, -1);
      // Nothing new ends a sentence: what is shown stays as it is.
      const completeEnd = this.settledProposed + complete.reduce((sum, unit) => sum + unit.length, 0);
      if (this.lastTail && completeEnd === this.lastCompleteEnd) return this.lastTail;
      const window = this.units.slice(this.settledUnits, this.settledUnits + complete.length + lookahead);
      const steps = alignSentences(window, complete);
      // Original sentences after the last one the proposal reached are not deleted yet, just not reached.
      while (steps.length && steps[steps.length - 1].kind === 'deleted') steps.pop();
      const base = this.unitStarts[this.settledUnits];
      const anchor = lastAnchor(steps, complete.length);
      if (anchor >= 0) {
        const through = steps[anchor] as { original: number; proposed: number };
        this.settled.push(...numberChanges(editsFor(steps.slice(0, anchor + 1), window, complete, base), this.settled.length + 1));
        this.settledUnits += through.original + 1;
        this.settledProposed += complete.slice(0, through.proposed + 1).reduce((sum, unit) => sum + unit.length, 0);
        continue;
      }
      const reached = steps.reduce((last, step) => (step.kind === 'inserted' ? last : Math.max(last, step.original + 1)), 0);
      this.lastCompleteEnd = completeEnd;
      this.lastTail = {
        settled: this.settled,
        tail: numberChanges(editsFor(steps, window, complete, base), this.settled.length + 1),
        reachedOriginal: this.unitStarts[Math.min(this.units.length, this.settledUnits + reached)],
      };
      return this.lastTail;
    }
  }

  /** The complete answer: the settled changes and the diff of everything after them. */
  finish(proposed: string): ProseChange[] {
    const rest = diffUnits(
      this.units.slice(this.settledUnits),
      splitSentences(proposed.slice(this.settledProposed)),
      this.unitStarts[this.settledUnits],
    );
    return [...this.settled, ...numberChanges(rest, this.settled.length + 1)];
  }
}

/** The last matched sentence with enough of the proposal after it to be sure of the match, or -1. */
function lastAnchor(steps: readonly AlignmentStep[], proposedCount: number): number {
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index];
    if ((step.kind === 'same' || step.kind === 'pair') && proposedCount - 1 - step.proposed >= settleLag) return index;
  }
  return -1;
}
