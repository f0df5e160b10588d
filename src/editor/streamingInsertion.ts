import * as vscode from 'vscode';
import { isShownInTab, showsDocument } from './documentTabs';
import { EditPacer } from './editPacing';
import { TrackedRange } from './trackedRange';
import { Disposable } from '../shared/disposable';

/** Why writing into the document stopped before the answer was complete. */
export type InsertionStop = 'userEditedRegion' | 'documentClosed' | 'documentReverted' | undefined;

/** Refused edits (the user typing at that moment) tolerated at the end before the rest goes elsewhere. */
const maxRefusals = 50;

/**
 * Streams text into a document at a fixed point, the way a person would want:
 * batched edits (as few as {@link EditPacer} allows, never rewriting what is written), one
 * undo step for the whole insertion, and the user free to type elsewhere.
 * If the user edits inside or at the end of the region being written, writing
 * stops and what was written stays.
 */
export class StreamingInsertion extends Disposable {
  /** The text written so far, as offsets that follow the user's edits above it. */
  private readonly region: TrackedRange;
  private pending: string[] = [];
  private pendingLength = 0;
  /** When the oldest queued text arrived ({@link performance.now}). */
  private pendingSince = 0;
  private readonly pacer = new EditPacer();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** An edit is queued or under way; the next is planned once it has landed. */
  private flushing = false;
  private finishing = false;
  private writing: Promise<void> = Promise.resolve();
  /** Our own edits, to tell them apart from the user's in change events. */
  private expected: Array<{ offset: number; text: string }> = [];
  private editCount = 0;
  /** Text the document would not take; the caller must put it somewhere else. */
  private unwritten = '';
  private refusals = 0;
  private landedText = '';
  private stopReason: InsertionStop;
  private wasDirty: boolean;
  private readonly stopEmitter = new vscode.EventEmitter<InsertionStop>();
  /** Fires once when writing stops early, so the caller can cancel the request. */
  readonly onDidStop = this.stopEmitter.event;

  /** `joinUndo` adds this insertion to the previous one's undo step (several selections, one operation). */
  constructor(
    private readonly document: vscode.TextDocument,
    at: vscode.Position,
    private readonly joinUndo = false,
  ) {
    super();
    const offset = document.offsetAt(at);
    this.region = new TrackedRange(offset, offset);
    this.wasDirty = document.isDirty;
    this.registerAll(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== this.document) return;
        this.track(event.contentChanges);
        // Dirty, then clean: a save, or a revert that marked the buffer clean but kept its text (VS Code
        // 1.100's server build reverts so, and our next edit may come in the same event). Our first edit
        // into a clean file can arrive before its dirty flag, so only a change of state counts.
        if (this.wasDirty && !this.document.isDirty) void this.stopIfReverted();
        this.wasDirty = this.document.isDirty;
      }),
      vscode.workspace.onDidCloseTextDocument((closed) => {
        if (closed === this.document) this.halt('documentClosed');
      }),
      // The document outlives its tab (a dirty buffer, an untitled one): writing on would go where nobody sees it.
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        if (event.closed.some((tab) => showsDocument(tab, this.document.uri)) && !isShownInTab(this.document.uri)) {
          // Its last tab closed with our text unsaved: "Don't Save" was chosen, but a revert that raced our
          // edits can leave them in the hidden buffer. Take them out once the edit in flight has settled;
          // only when nothing else stopped us first, so the region holds nothing but our own text.
          if (this.stopReason) return;
          this.halt('documentClosed');
          this.writing = this.writing.then(() => this.withdrawIfUnsaved());
        }
      }),
      this.stopEmitter,
    );
  }

  get stoppedBecause(): InsertionStop {
    return this.stopReason;
  }

  /** Everything written into the document so far, as pushed (before line-ending conversion). */
  get written(): string {
    return this.landedText;
  }

  /** Text that could not be written into the document (it refused the edit). */
  get notWritten(): string {
    return this.unwritten;
  }

  /** Number of document edits issued so far (for tests and benchmarks). */
  get edits(): number {
    return this.editCount;
  }

  /** The range written so far, in the document's current coordinates. */
  get range(): vscode.Range {
    return new vscode.Range(this.document.positionAt(this.region.start), this.document.positionAt(this.region.end));
  }

  /** Queues text; O(1) per call, the edit happens when the pacer says. */
  push(text: string): void {
    if (!text || this.stopReason) return;
    if (this.pendingLength === 0) this.pendingSince = performance.now();
    this.pending.push(text);
    this.pendingLength += text.length;
    this.schedule();
  }

  /**
   * One edit at a time: the next is planned only once the previous has
   * landed, so that the pacer knows its round trip and two edits never land
   * in one frame.
   */
  private schedule(): void {
    if (this.timer || this.flushing || this.finishing || this.pendingLength === 0) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        // Timers may fire a fraction of a millisecond early; the frame between landings is kept exactly.
        if (performance.now() < this.pacer.dueAt(this.pendingSince)) return this.schedule();
        this.flushing = true;
        this.writing = this.writing.then(async () => {
          await this.flush();
          this.flushing = false;
          this.schedule();
        });
      },
      Math.max(0, this.pacer.dueAt(this.pendingSince) - performance.now()),
    );
  }

  /** Writes whatever is queued and closes the undo step. Resolves once the document holds it all. */
  async finish(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.finishing = true;
    // The last text goes out without waiting for company, but still a frame after the edit before it.
    const landingGap = () => new Promise((resolve) => setTimeout(resolve, Math.max(0, this.pacer.landingGapEnd() - performance.now())));
    this.writing = this.writing.then(async () => {
      if (this.pendingLength > 0) await landingGap();
      while (!(await this.flush()) && this.refusals < maxRefusals) await landingGap();
      if (!this.stopReason && this.pendingLength > 0) this.unwritten = this.pending.join('');
    });
    await this.writing;
    this.dispose();
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    super.dispose();
  }

  /** Writes the queued text as one edit; false when the document refused it (the text stays queued). */
  private async flush(): Promise<boolean> {
    if (this.stopReason || this.pendingLength === 0) return true;
    // The document normalizes line endings on insert; do it first so our change events match what we sent.
    const joined = this.pending.join('');
    const text = this.document.eol === vscode.EndOfLine.CRLF ? joined.replace(/\r?\n/g, '\r\n') : joined;
    const queuedSince = this.pendingSince;
    this.pending = [];
    this.pendingLength = 0;
    this.pacer.started(performance.now());
    const first = this.editCount === 0 && !this.joinUndo;
    this.editCount++;
    const offset = this.region.end;
    const position = this.document.positionAt(offset);
    const entry = { offset, text };
    this.expected.push(entry);
    // Landed only once its change event came back: an editor can report success without applying
    // (a notebook's markdown cell that is not in edit mode does).
    const landed = () => !this.expected.includes(entry);
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === this.document);
    // false: the edit was made against a version the user has since typed past, and was refused.
    let accepted = false;
    if (editor) {
      // No undo stop between our edits: the whole insertion undoes in one step.
      accepted = await editor
        .edit((builder) => builder.insert(position, text), { undoStopBefore: first, undoStopAfter: false })
        .then(
          (ok) => ok,
          () => false,
        );
    }
    // A refused edit is retried through the editor, whose version check keeps our text from landing
    // after the user's; only a missing editor, or one that accepted without applying, needs another way.
    if (!landed() && !this.stopReason && (!editor || accepted)) {
      // Still write, as its own undo step, rather than lose text.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(this.document.uri, this.document.positionAt(entry.offset), text);
      await vscode.workspace.applyEdit(edit);
    }
    if (!landed()) {
      // An edit made against a version the user has typed past is refused; try again with fresh positions.
      this.expected = this.expected.filter((candidate) => candidate !== entry);
      this.pending.unshift(joined);
      this.pendingLength += joined.length;
      this.pendingSince = queuedSince;
      this.refusals++;
      this.editCount--;
      this.pacer.refused(performance.now());
      return false;
    }
    this.pacer.landed(performance.now());
    this.landedText += joined;
    return true;
  }

  private track(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    for (const change of changes) {
      const ours = this.expected.findIndex(
        (entry) => entry.offset === change.rangeOffset && change.rangeLength === 0 && entry.text === change.text,
      );
      if (ours >= 0 && change.rangeOffset === this.region.end) {
        this.expected.splice(ours, 1);
        this.region.end += change.text.length;
        continue;
      }
      const before = this.region.start;
      const place = this.region.apply(change);
      if (place === 'before') {
        const delta = this.region.start - before;
        for (const entry of this.expected) entry.offset += delta;
      } else if (place === 'inside') {
        // A change that leaves the document as saved is a revert (or an undo back to it), not typing.
        this.halt(this.document.isDirty ? 'userEditedRegion' : 'documentReverted');
      }
    }
  }

  /**
   * A revert discards unsaved changes, ours among them: when the file holds
   * the document without our text, writing stops and what was written is
   * taken out, so the buffer is the file again. After a save the file holds
   * our text, so a save never matches.
   */
  private async stopIfReverted(): Promise<void> {
    if (this.stopReason || this.region.end <= this.region.start) return;
    const text = this.document.getText();
    const withoutOurs = text.slice(0, this.region.start) + text.slice(this.region.end);
    let onDisk: string;
    try {
      onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.document.uri));
    } catch {
      return;
    }
    const normalized = (value: string) => value.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    if (this.stopReason || normalized(onDisk) !== normalized(withoutOurs)) return;
    this.halt('documentReverted');
    this.writing = this.writing.then(async () => {
      if (this.document.isClosed || this.region.end <= this.region.start) return;
      const edit = new vscode.WorkspaceEdit();
      edit.delete(this.document.uri, this.range);
      if (await vscode.workspace.applyEdit(edit)) this.landedText = '';
    });
  }

  /** Removes what this insertion wrote from a document that is still open, unsaved and shown nowhere. */
  private async withdrawIfUnsaved(): Promise<void> {
    if (this.document.isClosed || !this.document.isDirty || this.region.end <= this.region.start || isShownInTab(this.document.uri)) return;
    const edit = new vscode.WorkspaceEdit();
    edit.delete(this.document.uri, this.range);
    if (await vscode.workspace.applyEdit(edit)) this.landedText = '';
  }

  private halt(reason: Exclude<InsertionStop, undefined>): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.pending = [];
    this.pendingLength = 0;
    this.stopEmitter.fire(reason);
  }
}
