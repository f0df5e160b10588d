import * as vscode from 'vscode';
import { workspaceInstructionSettings } from '../settings/config';
import { nextReviewId } from './reviewIds';
import { reviewScheme, ReviewSession, type ReviewFailure } from './reviewSession';
import { Disposable } from '../shared/disposable';

/** How often a streaming proposal refreshes the diff: each refresh re-reads and re-diffs the document. */
const refreshMs = 50;

/** What to do on Accept when the original text changed meanwhile. */
export type ChangedOriginalChoice = 'apply' | 'openDocument' | 'copy' | 'cancel';

/** The only ways the text of a failed proposal may be taken: never as a replacement. */
export type PartialChoice = 'insertBelow' | 'newDocument' | 'copy';

/**
 * Owns the review documents (a read-only content provider on the
 * `inkwell-review` scheme) and the open reviews; Accept and Reject act here.
 */
export class ReviewManager extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly sessions = new Map<number, ReviewSession>();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  private readonly pendingRefresh = new Map<number, ReturnType<typeof setTimeout>>();
  private hint: vscode.Disposable | undefined;
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(reviewScheme, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, id, side] = uri.path.split('/');
    const session = this.sessions.get(Number(id));
    if (!session) return '';
    return side === 'original' ? session.originalText() : session.shownProposal();
  }

  /** Starts a review of `ranges` and shows the diff; the proposal then streams in through `append`. */
  async open(document: vscode.TextDocument, ranges: readonly vscode.Range[], title: string): Promise<ReviewSession> {
    const session = new ReviewSession(nextReviewId(), document, ranges, title, workspaceInstructionSettings());
    // A failed review of the same document is replaced by the new attempt.
    for (const old of this.sessions.values()) {
      if (old.state === 'failed' && old.document === document) await this.close(old, 'rejected');
    }
    this.sessions.set(session.id, session);
    await this.updateContext();
    const name = document.uri.path.split('/').pop() || 'Untitled';
    await vscode.commands.executeCommand(
      'vscode.diff',
      session.originalUri,
      session.proposalUri,
      `${name} ↔ Inkwell: ${title} (review${workspaceNote(session)})`,
      { preview: false },
    );
    return session;
  }

  /** Adds streamed text; the diff refreshes at most every `refreshMs`. */
  append(session: ReviewSession, partIndex: number, text: string): void {
    if (!text) return;
    session.append(partIndex, text);
    if (this.pendingRefresh.has(session.id)) return;
    this.pendingRefresh.set(
      session.id,
      setTimeout(() => this.refresh(session), refreshMs),
    );
  }

  /** Marks the proposal complete and shows its final text. */
  async complete(session: ReviewSession): Promise<void> {
    // Rejected while it streamed: it stays closed.
    if (session.state !== 'streaming') return;
    session.state = 'ready';
    this.refresh(session);
    this.hint?.dispose();
    this.hint = vscode.window.setStatusBarMessage(
      session.checkNote
        ? vscode.l10n.t(
            '$(check) Inkwell: proposal ready{0} · check before accepting: {1}. Ctrl+Enter accepts, Ctrl+Backspace rejects (⌘ on macOS), or use ✓ ✗ above the diff.',
            workspaceNote(session),
            session.checkNote,
          )
        : vscode.l10n.t(
            '$(check) Inkwell: proposal ready{0}. Ctrl+Enter accepts, Ctrl+Backspace rejects (⌘ on macOS), or use ✓ ✗ above the diff.',
            workspaceNote(session),
          ),
      15_000,
    );
    await Promise.all([this.updateContext(), this.untilShown(session)]);
  }

  /**
   * Marks the proposal failed: it can never be accepted. With nothing worth
   * keeping the diff closes; otherwise it stays open with what arrived and a
   * notice saying why, and offers only insert below, new document or copy.
   */
  async fail(session: ReviewSession, failure: ReviewFailure): Promise<void> {
    if (session.state !== 'streaming') return;
    session.state = 'failed';
    session.failure = failure;
    this.refresh(session);
    this.hint?.dispose();
    if (!session.hasAnyText()) {
      await this.closeTabs(session);
    } else {
      await this.untilShown(session);
      this.hint = vscode.window.setStatusBarMessage(
        vscode.l10n.t(
          '$(warning) Inkwell: the proposal is incomplete and cannot replace your text. Insert it below, open it or copy it (buttons above the diff), or reject it.',
        ),
        30_000,
      );
    }
    await this.updateContext();
  }

  /** Takes a failed proposal's text the one way the user chose, then closes the review; the original stays. */
  async usePartial(session: ReviewSession, choice: PartialChoice): Promise<boolean> {
    const text = session.proposalsOnly();
    if (!text.trim()) return false;
    let done = true;
    if (choice === 'insertBelow') {
      done = !session.document.isClosed && (await session.insertBelowOriginals());
    } else if (choice === 'newDocument') {
      const opened = await vscode.workspace.openTextDocument({ content: text, language: session.document.languageId });
      await vscode.window.showTextDocument(opened, { preview: false });
    } else {
      await vscode.env.clipboard.writeText(text);
    }
    if (!done) return false;
    await this.close(session, 'rejected');
    if (choice === 'insertBelow') await vscode.window.showTextDocument(session.document, { preview: false });
    return true;
  }

  /** Waits until the open proposal document holds the final text, so "complete and shown" is true when we say it. */
  private async untilShown(session: ReviewSession, timeoutMs = 3000): Promise<void> {
    const uri = session.proposalUri.toString();
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
    const expected = session.shownProposal();
    if (!document || document.getText() === expected) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const listener = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === document && document.getText() === expected) done();
      });
      function done() {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  }

  /** The review Accept/Reject act on: the one named, the one in the active editor, or the latest. */
  find(id?: number): ReviewSession | undefined {
    if (id !== undefined) return this.sessions.get(id);
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === reviewScheme) {
      const session = this.sessions.get(Number(active.path.split('/')[1]));
      if (session) return session;
    }
    return [...this.sessions.values()].at(-1);
  }

  /**
   * Applies the proposal as one edit. When the original changed meanwhile it
   * never overwrites silently: `ifChanged` (or the user) decides.
   */
  async accept(session: ReviewSession, ifChanged?: ChangedOriginalChoice): Promise<{ applied: boolean; choice?: ChangedOriginalChoice }> {
    let choice: ChangedOriginalChoice | undefined;
    if (session.originalChanged()) {
      choice = ifChanged ?? (await askAboutChangedOriginal());
      if (choice === 'cancel') return { applied: false, choice };
      if (choice === 'openDocument') {
        const opened = await vscode.workspace.openTextDocument({ content: session.proposalsOnly(), language: session.document.languageId });
        await vscode.window.showTextDocument(opened, { preview: false });
        await this.close(session, 'rejected');
        return { applied: false, choice };
      }
      if (choice === 'copy') {
        await vscode.env.clipboard.writeText(session.proposalsOnly());
        await this.close(session, 'rejected');
        return { applied: false, choice };
      }
    }
    // The last line of defence: an empty, failed or cut-off proposal never replaces anything.
    if (session.state !== 'ready' || !session.hasCompleteText()) return { applied: false };
    const applied = await session.apply();
    await this.close(session, applied ? 'accepted' : 'rejected');
    if (applied) {
      const editor = await vscode.window.showTextDocument(session.document, { preview: false });
      // Nothing the user wrote stays selected: the cursor goes to the end of the first replaced text.
      const end = session.firstPartEnd();
      editor.selections = [new vscode.Selection(end, end)];
    }
    return { applied, choice };
  }

  /** Closes the review and changes nothing. */
  reject(session: ReviewSession): Promise<void> {
    return this.close(session, 'rejected');
  }

  override dispose(): void {
    this.hint?.dispose();
    for (const timer of this.pendingRefresh.values()) clearTimeout(timer);
    for (const session of this.sessions.values()) session.dispose();
    this.sessions.clear();
    super.dispose();
  }

  private refresh(session: ReviewSession): void {
    const timer = this.pendingRefresh.get(session.id);
    if (timer) clearTimeout(timer);
    this.pendingRefresh.delete(session.id);
    this.changeEmitter.fire(session.proposalUri);
  }

  private async close(session: ReviewSession, state: 'accepted' | 'rejected'): Promise<void> {
    session.state = state;
    this.hint?.dispose();
    await this.closeTabs(session);
    this.refresh(session);
    this.sessions.delete(session.id);
    session.dispose();
    await this.updateContext();
  }

  private async closeTabs(session: ReviewSession): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === session.proposalUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  private async updateContext(): Promise<void> {
    const sessions = [...this.sessions.values()];
    await vscode.commands.executeCommand(
      'setContext',
      'inkwell.reviewReady',
      sessions.some((session) => session.state === 'ready'),
    );
    await vscode.commands.executeCommand(
      'setContext',
      'inkwell.reviewFailed',
      sessions.some((session) => session.state === 'failed'),
    );
  }
}

/**
 * Said in the diff's title and the ready message when a trusted workspace's
 * settings shaped the request: the tab title is what a writer reads first.
 */
function workspaceNote(session: ReviewSession): string {
  return session.workspaceSettings.length
    ? vscode.l10n.t(' · workspace instructions active: {0}', session.workspaceSettings.join(', '))
    : '';
}

async function askAboutChangedOriginal(): Promise<ChangedOriginalChoice> {
  const items: Array<vscode.QuickPickItem & { choice: ChangedOriginalChoice }> = [
    {
      label: vscode.l10n.t('Apply anyway'),
      description: vscode.l10n.t('replace the text as it is now with the proposal'),
      choice: 'apply',
    },
    { label: vscode.l10n.t('Open the proposal as a new document'), choice: 'openDocument' },
    { label: vscode.l10n.t('Copy the proposal to the clipboard'), choice: 'copy' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Inkwell: the original text changed while the proposal was written'),
    placeHolder: vscode.l10n.t('Nothing is applied until you choose'),
    ignoreFocusOut: true,
  });
  return picked?.choice ?? 'cancel';
}
