/**
 * What every command resolves with, so scripts, keybindings and tests can see
 * the outcome without reading notifications.
 */
export interface CommandResult {
  status: 'done' | 'cancelled' | 'error' | 'stopped' | 'noInput';
  /** What the user was told, when they were told something. */
  message?: string;
  /**
   * The error category for `error`: a `GenerationErrorCategory`, `template`
   * for a broken prompt template, or `badArgument` for an argument of the
   * wrong shape (the message names the field and what it takes; nothing ran).
   */
  category?: string;
  /** The buttons offered with the message. */
  actions?: string[];
  /** The answer text (or the part that arrived). */
  text?: string;
  /** Set when the answer waits in a review; pass it to `inkwell.review.accept`/`reject` and the tracked-change commands. */
  reviewId?: number;
  /** A tracked-changes review's changes in document order (`inkwell.review.changes` and every decision). */
  changes?: ReviewChangeInfo[];
}

/** One tracked change as scripts see it; `range` is where it is in the document now. */
export interface ReviewChangeInfo {
  id: string;
  original: string;
  proposed: string;
  state: 'pending' | 'accepted' | 'rejected';
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
