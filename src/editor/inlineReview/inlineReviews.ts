import * as vscode from 'vscode';
import type { TrackedChange } from '../../trackedChanges/reviewDecisions';
import type { ReviewFailure } from '../reviewSession';
import { workspaceInstructionSettings } from '../../settings/config';
import { isShownInTab } from '../documentTabs';
import { nextReviewId } from '../reviewIds';
import { InlineReview } from './inlineReview';
import { InlineReviewView } from './inlineReviewView';
import { Disposable } from '../../shared/disposable';

/** Commands a hover's links may run, nothing else. */
const hoverCommands = ['inkwell.review.acceptChange', 'inkwell.review.rejectChange', 'inkwell.review.nextChange'];

/**
 * The open inline reviews: their decorations, the CodeLens over each
 * reviewed range, the hover on each change, the status-bar count and the
 * `inkwell.inlineReviewActive` context key the keybindings use. A review
 * ends when no change is left pending, or when its document closes (the
 * document keeps what was decided; nothing pending was ever written).
 */
export class InlineReviews extends Disposable implements vscode.CodeLensProvider, vscode.HoverProvider {
  private readonly reviews = new Map<number, { review: InlineReview; view: InlineReviewView }>();
  private readonly lensChanged = this.register(new vscode.EventEmitter<void>());
  private readonly status = this.register(vscode.window.createStatusBarItem('inkwell.trackedChanges', vscode.StatusBarAlignment.Left, 100));
  readonly onDidChangeCodeLenses = this.lensChanged.event;

  constructor() {
    super();
    this.status.name = 'Inkwell: Tracked Changes';
    this.status.command = 'inkwell.review.nextChange';
    this.registerAll(
      vscode.languages.registerCodeLensProvider({ scheme: '*' }, this),
      vscode.languages.registerHoverProvider({ scheme: '*' }, this),
      vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.documentClosed(document)),
      // A document whose last tab closes is gone for the writer, though VS Code may keep it open a while longer.
      vscode.window.tabGroups.onDidChangeTabs(() => {
        for (const { review } of this.reviews.values()) if (!isShownInTab(review.document.uri)) void this.end(review);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) =>
        this.forDocument(event.textEditor.document).forEach((entry) => entry.view.draw(entry.review, event.selections[0]?.active)),
      ),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redrawAll()),
      vscode.window.onDidChangeActiveTextEditor(() => void this.updateContext()),
    );
  }

  open(document: vscode.TextDocument, ranges: readonly vscode.Range[], title: string): InlineReview {
    // A failed review of the same document gives way to the new attempt.
    for (const { review: old } of this.forDocument(document)) if (old.state === 'failed') void this.end(old);
    const review = new InlineReview(nextReviewId(), document, ranges, title, workspaceInstructionSettings());
    const view = new InlineReviewView();
    this.reviews.set(review.id, { review, view });
    view.draw(review);
    this.refresh(review);
    return review;
  }

  append(review: InlineReview, part: number, text: string): void {
    if (!text) return;
    review.append(part, text);
    this.entry(review)?.view.schedule(review);
  }

  /** The answer is complete: the changes are shown for decisions, or, if there are none, the review ends at once. */
  async complete(review: InlineReview): Promise<void> {
    review.complete();
    if (review.state !== 'ready') return;
    if (review.pendingCount === 0) {
      await this.end(review);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Inkwell: the proposal changes nothing.'), 6000);
      return;
    }
    this.refresh(review);
    const editor = await this.editorFor(review);
    const first = review.changes().find((change) => change.state === 'pending');
    if (editor && first) editor.revealRange(review.rangeOfChange(first), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    void vscode.window.setStatusBarMessage(
      `$(check) Inkwell: ${review.pendingCount} tracked change${review.pendingCount === 1 ? '' : 's'} to review. Hover a change to accept or reject it; Accept All and Reject All are above the text.`,
      10_000,
    );
  }

  /**
   * A failed answer leaves nothing to accept: its marks go and the document
   * is as it was. The review stays known until the next one in the document,
   * so what arrived can still be taken with Use What Arrived (never as a replacement).
   */
  async fail(review: InlineReview, failure: ReviewFailure): Promise<void> {
    review.fail(failure);
    this.entry(review)?.view.clear(review.document);
    this.lensChanged.fire();
    await this.updateContext();
  }

  /** Takes what a failed review received the one way the writer chose; the original stays. */
  async usePartial(review: InlineReview, choice: 'insertBelow' | 'newDocument' | 'copy'): Promise<boolean> {
    const text = review.proposalsOnly();
    if (choice === 'insertBelow') {
      const editor = await this.editorFor(review);
      const at = review.partEnds().at(-1);
      const eol = review.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      if (!editor || !at) return false;
      const inserted = eol + eol + text;
      const end = review.document.offsetAt(at) + inserted.length;
      if (!(await editor.edit((builder) => builder.insert(at, inserted)))) return false;
      const cursor = review.document.positionAt(end);
      editor.selections = [new vscode.Selection(cursor, cursor)];
    } else if (choice === 'newDocument') {
      const opened = await vscode.workspace.openTextDocument({ content: text, language: review.document.languageId });
      await vscode.window.showTextDocument(opened, { preview: false });
    } else {
      await vscode.env.clipboard.writeText(text);
    }
    await this.end(review);
    return true;
  }

  find(id?: number): InlineReview | undefined {
    if (id !== undefined) return this.reviews.get(id)?.review;
    const active = vscode.window.activeTextEditor?.document;
    const all = [...this.reviews.values()].map((entry) => entry.review).filter((review) => !review.document.isClosed);
    return all.filter((review) => review.document === active).at(-1) ?? all.at(-1);
  }

  has(id: number): boolean {
    return this.reviews.has(id);
  }

  async accept(review: InlineReview, changeId: string): Promise<boolean> {
    const editor = await this.editorFor(review);
    if (!editor) return false;
    const accepted = await review.accept([changeId], editor);
    await this.afterDecision(review);
    return accepted > 0;
  }

  async reject(review: InlineReview, changeId: string): Promise<boolean> {
    const rejected = review.reject([changeId]);
    await this.afterDecision(review);
    return rejected > 0;
  }

  /** Accepts or rejects every pending change, in document order, as one undo step. */
  async decideAll(review: InlineReview, decision: 'accept' | 'reject'): Promise<number> {
    const pending = review.changes().filter((change) => change.state === 'pending');
    const editor = decision === 'accept' ? await this.editorFor(review) : undefined;
    if (decision === 'accept' && editor)
      await review.accept(
        pending.map((change) => change.id),
        editor,
      );
    else review.reject(pending.map((change) => change.id));
    await this.afterDecision(review);
    return pending.length;
  }

  async undoDecision(review: InlineReview): Promise<TrackedChange[] | false> {
    const editor = await this.editorFor(review);
    if (!editor) return false;
    const undone = await review.undoDecision(editor);
    if (undone) {
      this.refresh(review);
      const at = review.rangeOfChange(undone[0]).start;
      editor.selections = [new vscode.Selection(at, at)];
    }
    return undone;
  }

  /** Moves the cursor to the next (or previous) pending change, wrapping around. */
  async move(review: InlineReview, direction: 1 | -1): Promise<TrackedChange | undefined> {
    const editor = await this.editorFor(review);
    const pending = review.changes().filter((change) => change.state === 'pending');
    if (!editor || !pending.length) return undefined;
    const cursor = review.document.offsetAt(editor.selection.active);
    const target =
      direction === 1
        ? (pending.find((change) => change.docStart > cursor) ?? pending[0])
        : ([...pending].reverse().find((change) => change.docStart < cursor) ?? pending[pending.length - 1]);
    const start = review.rangeOfChange(target).start;
    editor.selections = [new vscode.Selection(start, start)];
    editor.revealRange(review.rangeOfChange(target), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.entry(review)?.view.draw(review, start);
    return target;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    for (const { review } of this.forDocument(document)) {
      const at = review.partStarts()[0];
      if (!at) continue;
      const range = new vscode.Range(at, at);
      if (review.state === 'streaming') {
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('$(loading~spin) Inkwell: {0}, the changes arrive as they are written…', review.title),
            command: '',
          }),
        );
        continue;
      }
      const left = review.pendingCount;
      if (review.checkNote) {
        // First on the line: the lenses after it are cut off where the editor ends.
        const { summary, items } = review.checkNote;
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('$(warning) check before accepting: {0}', summary),
            tooltip: vscode.l10n.t('The original has, and the proposal does not:\n{0}', items.join('\n')),
            command: '',
          }),
        );
      }
      lenses.push(
        new vscode.CodeLens(range, {
          title: `$(check-all) Accept All (${left})`,
          command: 'inkwell.review.acceptAll',
          arguments: [{ reviewId: review.id }],
        }),
        new vscode.CodeLens(range, {
          title: '$(close-all) Reject All',
          command: 'inkwell.review.rejectAll',
          arguments: [{ reviewId: review.id }],
        }),
        new vscode.CodeLens(range, {
          title: '$(arrow-down) Next Change',
          command: 'inkwell.review.nextChange',
          arguments: [{ reviewId: review.id }],
        }),
        new vscode.CodeLens(range, {
          title: vscode.l10n.t('Inkwell: {0}, {1} of {2} changes left', review.title, left, review.totalCount),
          command: '',
        }),
      );
      if (review.workspaceSettings.length) {
        // Named in the title, as the side-by-side review's tab does: a tooltip shows only to a writer who hovers.
        const named = review.workspaceSettings.join(', ');
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('$(warning) workspace instructions active: {0}', named),
            tooltip: vscode.l10n.t('This workspace sets {0}. Open the workspace settings', named),
            command: 'workbench.action.openWorkspaceSettings',
          }),
        );
      }
    }
    return lenses;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    for (const { review } of this.forDocument(document)) {
      const change = review.state === 'ready' ? review.changeAt(position) : undefined;
      if (!change) continue;
      const args = encodeURIComponent(JSON.stringify({ reviewId: review.id, changeId: change.id }));
      const text = new vscode.MarkdownString(undefined, true);
      text.isTrusted = { enabledCommands: hoverCommands };
      text.appendMarkdown('**Inkwell suggests** ');
      // Model output is untrusted: it is shown as text, never as Markdown.
      // The spaces a change carries at its edges are not what the writer reads.
      if (change.original)
        text
          .appendMarkdown('deleting “')
          .appendText(change.original.trim() || change.original)
          .appendMarkdown('” ');
      if (change.proposed)
        text
          .appendMarkdown(change.original ? 'and inserting “' : 'inserting “')
          .appendText(change.proposed.trim() || change.proposed)
          .appendMarkdown('”');
      text.appendMarkdown(
        `\n\n[$(check) Accept](command:inkwell.review.acceptChange?${args} "Accept this change") · [$(close) Reject](command:inkwell.review.rejectChange?${args} "Reject this change") · [$(arrow-down) Next](command:inkwell.review.nextChange?${encodeURIComponent(JSON.stringify({ reviewId: review.id }))} "Go to the next change")`,
      );
      return new vscode.Hover(text, review.rangeOfChange(change));
    }
    return undefined;
  }

  override dispose(): void {
    for (const { review, view } of this.reviews.values()) {
      view.dispose();
      review.dispose();
    }
    this.reviews.clear();
    super.dispose();
  }

  private async afterDecision(review: InlineReview): Promise<void> {
    if (review.pendingCount === 0) await this.end(review);
    else this.refresh(review);
  }

  private async end(review: InlineReview): Promise<void> {
    const entry = this.entry(review);
    if (!entry) return;
    entry.view.clear(review.document);
    entry.view.dispose();
    review.dispose();
    this.reviews.delete(review.id);
    this.lensChanged.fire();
    await this.updateContext();
  }

  private refresh(review: InlineReview): void {
    this.entry(review)?.view.draw(review);
    this.lensChanged.fire();
    void this.updateContext();
  }

  private redrawAll(): void {
    for (const { review, view } of this.reviews.values()) view.draw(review);
  }

  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    const entries = this.forDocument(event.document);
    // Only reviewed documents have lenses: a refresh on every change of any document adds a round trip to the editor to each streamed edit.
    if (!event.contentChanges.length || !entries.length) return;
    for (const { review, view } of entries) {
      review.documentChanged(event);
      view.schedule(review);
      if (review.state === 'ready' && review.pendingCount === 0) void this.end(review);
    }
    this.lensChanged.fire();
  }

  private documentClosed(document: vscode.TextDocument): void {
    for (const { review } of this.forDocument(document)) void this.end(review);
  }

  private forDocument(document: vscode.TextDocument) {
    return [...this.reviews.values()].filter((entry) => entry.review.document === document);
  }

  private entry(review: InlineReview) {
    return this.reviews.get(review.id);
  }

  private async editorFor(review: InlineReview): Promise<vscode.TextEditor | undefined> {
    if (review.document.isClosed) return undefined;
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === review.document);
    return visible ?? vscode.window.showTextDocument(review.document, { preview: false });
  }

  private async updateContext(): Promise<void> {
    const active = vscode.window.activeTextEditor?.document;
    const current = [...this.reviews.values()]
      .map((entry) => entry.review)
      .find((review) => review.document === active && review.state === 'ready' && review.pendingCount > 0);
    if (current) {
      this.status.text = vscode.l10n.t('$(diff) {0} of {1} changes left', current.pendingCount, current.totalCount);
      this.status.tooltip = vscode.l10n.t('Inkwell: {0}. Click for the next change.', current.title);
      this.status.show();
    } else {
      this.status.hide();
    }
    await vscode.commands.executeCommand('setContext', 'inkwell.inlineReviewActive', Boolean(current));
  }
}
