import type * as vscode from 'vscode';

/** Where a document change fell relative to a tracked range. */
export type ChangePlace = 'before' | 'after' | 'inside';

/**
 * A range of a document kept as offsets and moved along as the document
 * changes, so edits above it never make us write to the wrong place.
 */
export class TrackedRange {
  constructor(
    public start: number,
    public end: number,
  ) {}

  /**
   * Moves the range for one change and says where the change fell. A change
   * touching either edge counts as inside: there is no telling whose text it is.
   */
  apply(change: vscode.TextDocumentContentChangeEvent): ChangePlace {
    const changeEnd = change.rangeOffset + change.rangeLength;
    if (changeEnd < this.start) {
      const delta = change.text.length - change.rangeLength;
      this.start += delta;
      this.end += delta;
      return 'before';
    }
    if (change.rangeOffset > this.end) return 'after';
    // The user's text inside the range becomes part of it; a deletion over an edge clips it.
    const newStart = Math.min(this.start, change.rangeOffset + (change.rangeOffset < this.start ? change.text.length : 0));
    const newEnd = changeEnd >= this.end ? change.rangeOffset + change.text.length : this.end + change.text.length - change.rangeLength;
    this.start = newStart;
    this.end = Math.max(newStart, newEnd);
    return 'inside';
  }
}
