import { channel } from 'diagnostics_channel';
import * as vscode from 'vscode';
import type { InlineReview } from './inlineReview';
import { Disposable } from '../../shared/disposable';

/** Where each redraw is announced, for the benchmark that checks they stay at one per frame; free while no one listens. */
export const inlineReviewDrawChannel = 'inkwell.inlineReview.draw';
const draws = channel(inlineReviewDrawChannel);
/** One 60 Hz frame: the most often decorations are redrawn. */
const frameMs = 1000 / 60;

/** Injected text cannot hold a line break; a pilcrow stands for one, as in a word processor's marks. */
function shownText(text: string): string {
  return text.replace(/\r?\n/g, ' ¶ ');
}

/**
 * Draws a review's tracked changes: deleted words struck through in the
 * text, proposed words injected after them, the change at the cursor
 * outlined, and a "writing…" mark where the answer has got to. Colours are
 * theme colours Inkwell contributes, with values for light, dark and both
 * high-contrast themes, so insertions and deletions stay clear on Chinese
 * text too. Redrawn at most once per frame.
 */
export class InlineReviewView extends Disposable {
  private readonly deleted = this.register(
    vscode.window.createTextEditorDecorationType({
      color: new vscode.ThemeColor('inkwell.trackedChanges.deletedForeground'),
      backgroundColor: new vscode.ThemeColor('inkwell.trackedChanges.deletedBackground'),
      textDecoration: 'line-through',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );
  private readonly inserted = this.register(
    vscode.window.createTextEditorDecorationType({
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      after: {
        color: new vscode.ThemeColor('inkwell.trackedChanges.insertedForeground'),
        backgroundColor: new vscode.ThemeColor('inkwell.trackedChanges.insertedBackground'),
        textDecoration: 'underline',
      },
    }),
  );
  private readonly focused = this.register(
    vscode.window.createTextEditorDecorationType({
      border: '1px solid',
      borderColor: new vscode.ThemeColor('inkwell.trackedChanges.focusBorder'),
      borderRadius: '2px',
    }),
  );
  private readonly writing = this.register(
    vscode.window.createTextEditorDecorationType({
      after: { contentText: ' ✎ …', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    }),
  );
  private scheduled: ReturnType<typeof setTimeout> | undefined;
  private lastDrawAt = -Infinity;
  /** The cursor the next drawing outlines the change at, when an event named one. */
  private cursor: vscode.Position | undefined;

  /** Redraws soon, once per frame however many chunks arrive meanwhile. */
  schedule(review: InlineReview, cursor?: vscode.Position): void {
    if (cursor) this.cursor = cursor;
    if (this.scheduled) return;
    // Whole milliseconds and one more: timers round, and an early one would make two drawings in a frame.
    const wait = Math.max(0, Math.ceil(this.lastDrawAt + frameMs - performance.now()) + 1);
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.paint(review);
    }, wait);
  }

  /** Redraws now, unless the last drawing was less than a frame ago: then at the start of the next frame. */
  draw(review: InlineReview, cursor?: vscode.Position): void {
    if (this.scheduled || performance.now() - this.lastDrawAt < frameMs) {
      this.schedule(review, cursor);
      return;
    }
    this.cursor = cursor;
    this.paint(review);
  }

  private paint(review: InlineReview): void {
    const cursor = this.cursor;
    this.cursor = undefined;
    const editors = vscode.window.visibleTextEditors.filter((editor) => editor.document === review.document);
    if (!editors.length) return;
    const deletions: vscode.DecorationOptions[] = [];
    const insertions: vscode.DecorationOptions[] = [];
    const focus: vscode.Range[] = [];
    for (const { change, range } of review.shown()) {
      if (change.state !== 'pending') continue;
      if (!range.isEmpty) deletions.push({ range });
      if (change.proposed)
        insertions.push({
          range: new vscode.Range(range.end, range.end),
          renderOptions: { after: { contentText: shownText(change.proposed) } },
        });
    }
    const writing = review.writingPositions().map((at) => new vscode.Range(at, at));
    // The frame is counted from when the editors get the decorations, after the work of building them.
    this.lastDrawAt = performance.now();
    if (draws.hasSubscribers) draws.publish({ changes: deletions.length + insertions.length });
    for (const editor of editors) {
      const at = cursor ?? editor.selection.active;
      const current = review.state === 'ready' ? review.changeAt(at) : undefined;
      focus.length = 0;
      if (current) focus.push(review.rangeOfChange(current));
      editor.setDecorations(this.deleted, deletions);
      editor.setDecorations(this.inserted, insertions);
      editor.setDecorations(
        this.focused,
        focus.filter((range) => !range.isEmpty),
      );
      editor.setDecorations(this.writing, writing);
    }
  }

  clear(document: vscode.TextDocument): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = undefined;
    for (const editor of vscode.window.visibleTextEditors.filter((candidate) => candidate.document === document)) {
      for (const type of [this.deleted, this.inserted, this.focused, this.writing]) editor.setDecorations(type, []);
    }
  }

  override dispose(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    super.dispose();
  }
}
