import * as vscode from 'vscode';
import type { ProseChange } from '../../trackedChanges/proseChange';
import { ReviewDecisions, type DocEdit, type TrackedChange } from '../../trackedChanges/reviewDecisions';
import { StreamingProseDiff } from '../../trackedChanges/streamingProseDiff';
import type { ReviewFailure } from '../reviewSession';

/** A document change, in offsets of the document before it. */
interface RecordedEdit {
  start: number;
  end: number;
  text: string;
}

/** One reviewed range of the document as it was when the review opened. */
interface InlinePart {
  start: number;
  original: string;
  proposal: string;
  diff: StreamingProseDiff;
}

export type InlineReviewState = 'streaming' | 'ready' | 'failed' | 'ended';

/** What the view shows for one change: where it is in the document now, and what it proposes. */
export interface ShownChange {
  change: ProseChange & { state: TrackedChange['state'] };
  range: vscode.Range;
}

/**
 * A rewrite reviewed in place as tracked changes. The document keeps the
 * original until the writer accepts a change: a pending proposal exists only
 * as decorations, so autosave, a crash or a reload can never write it.
 * While the answer streams the changes are diffed as it arrives (only the
 * unsettled tail); once complete, each change is accepted or rejected on
 * its own. The writer's own edits are followed throughout.
 */
export class InlineReview implements vscode.Disposable {
  state: InlineReviewState = 'streaming';
  failure?: ReviewFailure;
  private readonly parts: InlinePart[];
  /** The writer's edits while the answer streamed, replayed onto the changes once it is complete. */
  private readonly editsWhileStreaming: RecordedEdit[] = [];
  private decisions?: ReviewDecisions;
  /** The review's own edit in flight, so its change event is not taken for the writer's typing. */
  private ownEdits: Array<{ id: string; edit: DocEdit }> = [];
  /** Set once the first accepted change is in: later ones join its undo step. */
  private editedDocument = false;
  private readonly eol: string;
  private groups = 0;
  /** What the answer dropped of the Markdown a rewrite must keep, e.g. "2 links changed or missing". */
  checkNote: { summary: string; items: readonly string[] } | undefined;

  constructor(
    readonly id: number,
    readonly document: vscode.TextDocument,
    ranges: readonly vscode.Range[],
    readonly title: string,
    /** Settings a trusted workspace set that shape this request: the review names them. */
    readonly workspaceSettings: readonly string[] = [],
  ) {
    this.eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    this.parts = [...ranges]
      .sort((a, b) => a.start.compareTo(b.start))
      .map((range) => {
        const original = document.getText(range);
        return { start: document.offsetAt(range.start), original, proposal: '', diff: new StreamingProseDiff(original) };
      });
  }

  get originalLength(): number {
    return this.parts.reduce((sum, part) => sum + part.original.length, 0);
  }

  append(partIndex: number, text: string): void {
    const part = this.parts[partIndex];
    if (part && this.state === 'streaming') part.proposal += text;
  }

  /** Whether every part got an answer: an empty part must never read as "delete this". */
  hasCompleteText(): boolean {
    return this.parts.every((part) => part.proposal.trim().length > 0);
  }

  /** Whether any text arrived, for a failed review's message. */
  hasAnyText(): boolean {
    return this.parts.some((part) => part.proposal.trim().length > 0);
  }

  /** The proposals as they arrived, in the document's line endings. */
  proposalsOnly(): string {
    return this.parts.map((part) => this.inDocumentEol(part.proposal)).join(this.eol + this.eol);
  }

  /** Every change is known: the decisions can begin. */
  complete(): void {
    if (this.state !== 'streaming') return;
    const changes: ProseChange[] = [];
    for (const part of this.parts) {
      for (const change of part.diff.finish(this.inDocumentEol(part.proposal))) {
        changes.push({ ...change, id: `c${changes.length + 1}`, start: part.start + change.start, end: part.start + change.end });
      }
    }
    this.decisions = new ReviewDecisions(changes, 0);
    for (const edit of this.editsWhileStreaming) this.decisions.documentChanged(edit.start, edit.end, edit.text);
    this.editsWhileStreaming.length = 0;
    this.state = 'ready';
  }

  /** A failed, empty or cut-off answer offers nothing to accept: the changes go, the document stays as it is. */
  fail(failure: ReviewFailure): void {
    if (this.state !== 'streaming') return;
    this.state = 'failed';
    this.failure = failure;
  }

  get pendingCount(): number {
    return this.decisions?.pendingCount ?? 0;
  }

  get totalCount(): number {
    return this.decisions?.changes.length ?? 0;
  }

  /** The changes as the view shows them now: pending ones while streaming, every one once complete. */
  shown(): ShownChange[] {
    if (this.decisions) {
      return this.decisions.changes.map((change) => ({ change, range: this.rangeOf(change.docStart, change.docEnd) }));
    }
    if (this.state !== 'streaming') return [];
    const shown: ShownChange[] = [];
    for (const part of this.parts) {
      const so = part.diff.update(this.inDocumentEol(part.proposal));
      for (const change of [...so.settled, ...so.tail]) {
        const start = this.mapThroughEdits(part.start + change.start);
        const end = Math.max(start, this.mapThroughEdits(part.start + change.end));
        shown.push({ change: { ...change, state: 'pending' }, range: this.rangeOf(start, end) });
      }
    }
    return shown;
  }

  /** Where the answer has got to in each part while it streams, for the "writing…" marker. */
  writingPositions(): vscode.Position[] {
    if (this.state !== 'streaming') return [];
    return this.parts.map((part) =>
      this.document.positionAt(this.mapThroughEdits(part.start + part.diff.update(this.inDocumentEol(part.proposal)).reachedOriginal)),
    );
  }

  /** Where each reviewed range ends now (for a failed review: where what arrived may be inserted). */
  partEnds(): vscode.Position[] {
    return this.parts.map((part) => this.document.positionAt(this.mapThroughEdits(part.start + part.original.length)));
  }

  /** The first line of each reviewed range now, for the CodeLens. */
  partStarts(): vscode.Position[] {
    return this.parts.map((part) => this.document.positionAt(this.mapThroughEdits(part.start)));
  }

  change(id: string): TrackedChange | undefined {
    return this.decisions?.get(id);
  }

  changes(): readonly TrackedChange[] {
    return this.decisions?.changes ?? [];
  }

  /** The pending change under or touching `position`. */
  changeAt(position: vscode.Position): TrackedChange | undefined {
    return this.decisions?.at(this.document.offsetAt(position));
  }

  rangeOfChange(change: TrackedChange): vscode.Range {
    return this.rangeOf(change.docStart, change.docEnd);
  }

  /**
   * Puts the proposals of these changes into the document in one edit; all
   * accepted changes of a review are one undo step.
   */
  async accept(ids: readonly string[], editor: vscode.TextEditor): Promise<number> {
    const edits: Array<{ id: string; edit: DocEdit }> = [];
    const group = ids.length > 1 ? ++this.groups : undefined;
    for (const id of ids) {
      const edit = this.decisions?.accept(id, group);
      if (edit) edits.push({ id, edit });
    }
    if (!edits.length) return 0;
    return (await this.applyOwn(edits, editor)) ? edits.length : 0;
  }

  reject(ids: readonly string[]): number {
    const group = ids.length > 1 ? ++this.groups : undefined;
    return ids.filter((id) => this.decisions?.reject(id, group)).length;
  }

  /**
   * Takes back the last decision (all of an Accept All); `false` when there
   * is none, so Ctrl+Z can undo the writer's own typing instead.
   */
  async undoDecision(editor: vscode.TextEditor): Promise<TrackedChange[] | false> {
    const undone = this.decisions?.undo();
    if (!undone) return false;
    const edits = undone.flatMap(({ change, edit }) => (edit ? [{ id: change.id, edit }] : []));
    if (edits.length) await this.applyOwn(edits, editor);
    return undone.map(({ change }) => change);
  }

  /** Follows a document change: the review's own, or the writer's. */
  documentChanged(event: vscode.TextDocumentChangeEvent): void {
    // VS Code reports the changes of one event against the document before all of them, last first in offset order.
    const changes = [...event.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset);
    for (const change of changes) {
      const edit = { start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text };
      // The change event of the review's own edit may come before or after the edit's promise settles.
      const ownIndex = this.ownEdits.findIndex((candidate) => sameEdit(candidate.edit, edit));
      const own = ownIndex >= 0 ? this.ownEdits.splice(ownIndex, 1)[0].id : undefined;
      if (this.decisions) this.decisions.documentChanged(edit.start, edit.end, edit.text, own);
      else this.editsWhileStreaming.push(edit);
    }
  }

  dispose(): void {
    this.state = 'ended';
  }

  private async applyOwn(edits: Array<{ id: string; edit: DocEdit }>, editor: vscode.TextEditor): Promise<boolean> {
    const ranges = edits.map(({ edit }) => this.rangeOf(edit.start, edit.end));
    this.ownEdits.push(...edits);
    const applied = await editor.edit((builder) => edits.forEach(({ edit }, index) => builder.replace(ranges[index], edit.text)), {
      undoStopBefore: !this.editedDocument,
      undoStopAfter: false,
    });
    if (!applied) this.ownEdits = this.ownEdits.filter((own) => !edits.includes(own));
    this.editedDocument ||= applied;
    return applied;
  }

  private rangeOf(start: number, end: number): vscode.Range {
    return new vscode.Range(this.document.positionAt(start), this.document.positionAt(end));
  }

  /** An offset of the document as it was at the start, moved through the writer's edits since. */
  private mapThroughEdits(offset: number): number {
    let at = offset;
    for (const edit of this.editsWhileStreaming) {
      if (at >= edit.end) at += edit.text.length - (edit.end - edit.start);
      else if (at > edit.start) at = edit.start + edit.text.length;
    }
    return at;
  }

  private inDocumentEol(text: string): string {
    return this.eol === '\r\n' ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
  }
}

function sameEdit(a: RecordedEdit, b: RecordedEdit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}
