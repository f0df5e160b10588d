import * as vscode from 'vscode';
import { TrackedRange } from './trackedRange';
import { Disposable } from '../shared/disposable';

/** The scheme of the read-only documents a review shows; nothing is written into the workspace. */
export const reviewScheme = 'inkwell-review';

/** One replaced range: what it held and what is proposed for it. */
interface ReviewPart {
  /** Offsets in the snapshot, for building the proposal. */
  snapshotStart: number;
  snapshotEnd: number;
  /** The same range in the live document, moved along with the user's edits. */
  live: TrackedRange;
  original: string;
  proposal: string;
  /** The user edited inside this range after the review began. */
  touched: boolean;
}

/**
 * What happened to a review: still being written, ready for a decision,
 * failed (the answer is missing, empty or cut off, so it can never replace
 * the original), or closed.
 */
export type ReviewState = 'streaming' | 'ready' | 'failed' | 'accepted' | 'rejected';

/** Why a review failed, as the user was told. */
export interface ReviewFailure {
  message: string;
  category?: string;
}

/**
 * A proposed replacement of one or more ranges of a document, shown as a diff
 * of the whole document (so the change is seen in context) while it streams.
 */
export class ReviewSession extends Disposable {
  readonly originalUri: vscode.Uri;
  readonly proposalUri: vscode.Uri;
  state: ReviewState = 'streaming';
  /** What the answer dropped of the Markdown a rewrite must keep, e.g. "2 links changed or missing". */
  checkNote: string | undefined;
  /** Set when the state is `failed`. */
  failure?: ReviewFailure;
  private readonly parts: ReviewPart[];
  private readonly snapshot: string;

  constructor(
    readonly id: number,
    readonly document: vscode.TextDocument,
    ranges: readonly vscode.Range[],
    readonly title: string,
    /** The workspace settings (`inkwell.<name>`) that shaped the request, shown with the review; empty: none. */
    readonly workspaceSettings: readonly string[] = [],
  ) {
    super();
    this.snapshot = document.getText();
    this.parts = [...ranges]
      .sort((a, b) => a.start.compareTo(b.start))
      .map((range) => {
        const start = document.offsetAt(range.start);
        const end = document.offsetAt(range.end);
        return {
          snapshotStart: start,
          snapshotEnd: end,
          live: new TrackedRange(start, end),
          original: this.snapshot.slice(start, end),
          proposal: '',
          touched: false,
        };
      });
    const name = document.uri.path.split('/').pop() || 'Untitled';
    this.originalUri = vscode.Uri.from({ scheme: reviewScheme, path: `/${id}/original/${name}` });
    this.proposalUri = vscode.Uri.from({ scheme: reviewScheme, path: `/${id}/proposal/${name}` });
    this.register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== this.document) return;
        for (const change of event.contentChanges) {
          for (const part of this.parts) {
            if (part.live.apply(change) === 'inside') part.touched = true;
          }
        }
      }),
    );
  }

  get partCount(): number {
    return this.parts.length;
  }

  /** Adds streamed text to one part's proposal. */
  append(partIndex: number, text: string): void {
    this.parts[partIndex].proposal += text;
  }

  /** Replaces one part's proposal whole (e.g. after removing a wrapping fence). */
  setProposal(partIndex: number, text: string): void {
    this.parts[partIndex].proposal = text;
  }

  proposalOf(partIndex: number): string {
    return this.parts[partIndex].proposal;
  }

  /** The left side of the diff: the document as it was when the review began. */
  originalText(): string {
    return this.snapshot;
  }

  /** The right side: the snapshot with every part replaced by its proposal so far. */
  proposalText(): string {
    let text = '';
    let at = 0;
    for (const part of this.parts) {
      text += this.snapshot.slice(at, part.snapshotStart) + part.proposal;
      at = part.snapshotEnd;
    }
    return text + this.snapshot.slice(at);
  }

  /** True when every part has a proposal with more than white space: the only kind that may replace text. */
  hasCompleteText(): boolean {
    return this.parts.every((part) => part.proposal.trim().length > 0);
  }

  /** True when any part received text worth keeping (what a failed review can still offer). */
  hasAnyText(): boolean {
    return this.parts.some((part) => part.proposal.trim().length > 0);
  }

  /**
   * Inserts each part's proposal below its original, as one edit, leaving the
   * original untouched: the only way a partial answer reaches the document.
   */
  async insertBelowOriginals(): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    const eol = this.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    for (const part of this.parts) {
      if (!part.proposal.trim()) continue;
      const end = this.document.lineAt(this.document.positionAt(part.live.end).line).range.end;
      edit.insert(this.document.uri, end, `${eol}${eol}${part.proposal.trim().replace(/\r?\n/g, eol)}`);
    }
    return vscode.workspace.applyEdit(edit);
  }

  /**
   * What the right side of the diff shows: the proposal, and once it failed,
   * a notice after each part that says why it cannot replace the original.
   */
  shownProposal(): string {
    if (this.state !== 'failed') return this.proposalText();
    const reason = this.failure?.message.replace(/^Inkwell: /, '') ?? vscode.l10n.t('The answer did not finish.');
    const eol = this.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    let text = '';
    let at = 0;
    for (const part of this.parts) {
      text += `${this.snapshot.slice(at, part.snapshotStart)}${part.proposal}${eol}${eol}[Inkwell: incomplete. ${reason} This cannot replace your text.]`;
      at = part.snapshotEnd;
    }
    return text + this.snapshot.slice(at);
  }

  /** Only the proposed replacement texts, joined: what "copy" and "open as document" give. */
  proposalsOnly(): string {
    return this.parts
      .map((part) => part.proposal)
      .filter((text) => text.trim())
      .join('\n\n');
  }

  /** True when the user changed any original range while the proposal was being made. */
  originalChanged(): boolean {
    return (
      this.document.isClosed || this.parts.some((part) => part.touched || this.document.getText(this.liveRange(part)) !== part.original)
    );
  }

  /** Applies every part as one edit: one undo step restores the original. */
  async apply(): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    for (const part of this.parts) edit.replace(this.document.uri, this.liveRange(part), part.proposal);
    return vscode.workspace.applyEdit(edit);
  }

  /** Where the first part ends in the live document (after Accept: the end of its new text). */
  firstPartEnd(): vscode.Position {
    return this.document.positionAt(this.parts[0].live.end);
  }

  private liveRange(part: ReviewPart): vscode.Range {
    return new vscode.Range(this.document.positionAt(part.live.start), this.document.positionAt(part.live.end));
  }
}
