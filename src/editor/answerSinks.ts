import * as vscode from 'vscode';
import type { OutputMode } from '../prompts/tasks';
import { closeTabsOf } from './documentTabs';
import type { InlineReview } from './inlineReview/inlineReview';
import type { InlineReviews } from './inlineReview/inlineReviews';
import type { ReviewManager } from './reviewManager';
import type { ReviewFailure, ReviewSession } from './reviewSession';
import { StreamingInsertion, type InsertionStop } from './streamingInsertion';
import type { SourceText } from './textSource';

/** Where one answer streams to. */
export interface AnswerSink {
  write(text: string): void;
  /** Flushes and settles; the sink keeps whatever was written, complete or not. */
  close(): Promise<void>;
  /** Why writing stopped early (the user edited the region, closed the document). */
  readonly stoppedBecause?: InsertionStop;
  /** Fires when the sink can take no more text, so the request can be cancelled. */
  onDidStop?: vscode.Event<InsertionStop>;
  /** What actually reached the document, when that can differ from what was written to the sink. */
  readonly landed?: string;
}

/**
 * Streams into a document; writes `prefix` before the first text and `suffix`
 * after the last. Leading white space is held back until real text follows,
 * so a blank or whitespace-only answer leaves the document as it was.
 */
class InsertionSink implements AnswerSink {
  private started = false;
  private heldWhitespace = '';
  constructor(
    private readonly insertion: StreamingInsertion,
    private readonly prefix = '',
    private readonly suffix = '',
  ) {}
  get stoppedBecause(): InsertionStop {
    return this.insertion.stoppedBecause;
  }
  get onDidStop(): vscode.Event<InsertionStop> {
    return this.insertion.onDidStop;
  }
  get landed(): string {
    const written = this.insertion.written;
    return this.prefix && written.startsWith(this.prefix) ? written.slice(this.prefix.length) : written;
  }
  /** Where the inserted text is now (empty when nothing was written). */
  get range(): vscode.Range {
    return this.insertion.range;
  }
  write(text: string): void {
    if (!text) return;
    if (!this.started) {
      if (!text.trim()) {
        this.heldWhitespace += text;
        return;
      }
      // After a prefix that separates paragraphs, the answer's own leading blank lines would only add more.
      text = this.prefix ? text.trimStart() : this.heldWhitespace + text;
      if (this.prefix) this.insertion.push(this.prefix);
      this.started = true;
    }
    this.insertion.push(text);
  }
  async close(): Promise<void> {
    if (this.started && this.suffix) this.insertion.push(this.suffix);
    await this.insertion.finish();
    const lost = this.insertion.notWritten;
    if (lost) {
      // The document refused the edit: the answer must still reach the user.
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: lost });
      await vscode.window.showTextDocument(document, { preview: false });
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Inkwell: the document did not accept the answer, so it is in this new document instead.'),
      );
    }
  }
}

/** Streams one part of a rewrite into its review, side by side or as tracked changes. */
class ReviewSink implements AnswerSink {
  constructor(private readonly append: (text: string) => void) {}
  write(text: string): void {
    this.append(text);
  }
  async close(): Promise<void> {}
}

/** How a rewrite is reviewed: tracked changes in the text, or a side-by-side diff. */
export interface ReviewChoice {
  inline?: InlineReviews;
}

/** Beyond this much text, tracked changes would bury the page: the review is side by side instead. */
const inlineReviewLimit = 60_000;

/**
 * The review a rewrite of `sources` gets: tracked changes when `inkwell.review.style`
 * (`style`) asks for them and the text is small enough to review in place, else side by side.
 */
export function reviewChoiceFor(
  style: 'inline' | 'sideBySide',
  inline: InlineReviews | undefined,
  sources: readonly SourceText[],
): ReviewChoice {
  if (style !== 'inline' || !inline) return {};
  const size = sources.reduce((sum, source) => sum + source.text.length, 0);
  if (size <= inlineReviewLimit) return { inline };
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Inkwell: {0} characters are too many to review as tracked changes, so this proposal opens side by side.',
      size.toLocaleString(),
    ),
  );
  return {};
}

/** Collects the answer; the caller puts it on the clipboard. */
class CollectingSink implements AnswerSink {
  text = '';
  write(text: string): void {
    this.text += text;
  }
  async close(): Promise<void> {}
}

/**
 * The sinks for one run of a task over several sources: one per source, in
 * the order the sources are processed. Everything written into the user's
 * document in one run is one undo step. While it runs the sources are
 * highlighted, not selected; afterwards nothing the user wrote is selected,
 * and after an insertion the cursor sits after the inserted text.
 */
export class AnswerTargets {
  review?: ReviewSession | InlineReview;
  private newDocument?: vscode.TextDocument;
  private opened = 0;
  private readonly insertions: InsertionSink[] = [];
  /** Set once the user moves the cursor themselves while the answer is written. */
  private userMovedCursor = false;
  private cursorWatch?: vscode.Disposable;
  /** Marks the text being worked on while the command runs, instead of a selection one keystroke would replace. */
  private readonly sourceHighlight = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findRangeHighlightBackground'),
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('editor.findRangeHighlightBorder'),
  });

  constructor(
    private readonly editor: vscode.TextEditor,
    private readonly mode: OutputMode,
    private readonly reviews: ReviewManager,
    private readonly title: string,
    private readonly choice: ReviewChoice = {},
  ) {}

  /** Prepares what must exist before streaming starts: the review (inline or a diff) or the new document. */
  async prepare(sources: readonly SourceText[]): Promise<void> {
    this.markSources(sources);
    if (this.mode === 'replace') {
      const ranges = sources.map((source) => source.range);
      this.review = this.choice.inline
        ? this.choice.inline.open(this.editor.document, ranges, this.title)
        : await this.reviews.open(this.editor.document, ranges, this.title);
    } else if (this.mode === 'newDocument') {
      this.newDocument = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(this.newDocument, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }
  }

  /** The sink for the source at `reviewPart` (its index in document order). */
  sinkFor(source: SourceText, reviewPart: number): AnswerSink {
    const joinUndo = this.opened++ > 0;
    const { document } = this.editor;
    const insertion = (at: vscode.Position, prefix = '', suffix = '') => {
      const sink = new InsertionSink(new StreamingInsertion(document, at, joinUndo), prefix, suffix);
      this.insertions.push(sink);
      return sink;
    };
    switch (this.mode) {
      case 'replace': {
        const { review } = this;
        const inline = this.choice.inline;
        if (inline && review && !('originalUri' in review)) return new ReviewSink((text) => inline.append(review, reviewPart, text));
        return new ReviewSink((text) => this.reviews.append(review as ReviewSession, reviewPart, text));
      }
      case 'insertAbove':
        return insertion(new vscode.Position(source.range.start.line, 0), '', '\n\n');
      case 'cursor':
        return insertion(source.range.end);
      case 'newDocument': {
        const end = this.newDocument!.positionAt(this.newDocument!.getText().length);
        return new InsertionSink(new StreamingInsertion(this.newDocument!, end, joinUndo), joinUndo ? '\n\n' : '');
      }
      case 'clipboard':
        return new CollectingSink();
      case 'insertBelow':
      default:
        return insertion(document.lineAt(source.range.end.line).range.end, '\n\n');
    }
  }

  /**
   * Called once every source is done, or at the first failure: a review becomes
   * ready for Accept/Reject, or, failed, can never replace the original; a new
   * document that got nothing is closed again.
   */
  /** Marks the review with what the answer dropped of the Markdown it had to keep; shown once the review is ready. */
  flagDropped(summary: string, items: readonly string[]): void {
    if (!this.review) return;
    if ('originalUri' in this.review) this.review.checkNote = summary;
    else this.review.checkNote = { summary, items };
  }

  async end(failure?: ReviewFailure): Promise<void> {
    this.sourceHighlight.dispose();
    this.cursorWatch?.dispose();
    if (this.review && 'originalUri' in this.review) {
      if (failure) await this.reviews.fail(this.review, failure);
      else await this.reviews.complete(this.review);
    } else if (this.review && this.choice.inline) {
      if (failure) await this.choice.inline.fail(this.review, failure);
      else await this.choice.inline.complete(this.review);
    }
    if (this.newDocument && failure && !this.newDocument.getText().trim()) await closeTabsOf(this.newDocument);
    this.placeCursorAfterInsertion();
  }

  private markSources(sources: readonly SourceText[]): void {
    const [first] = sources;
    if (!first) return;
    this.editor.setDecorations(
      this.sourceHighlight,
      sources.map((source) => source.range),
    );
    // Insertions below the text would push a cursor at the insertion point along; its start is out of the way.
    const at = this.mode === 'insertBelow' ? first.range.start : first.range.end;
    this.editor.selections = [new vscode.Selection(at, at)];
    this.cursorWatch = vscode.window.onDidChangeTextEditorSelection((event) => {
      const byUser =
        event.kind === vscode.TextEditorSelectionChangeKind.Keyboard || event.kind === vscode.TextEditorSelectionChangeKind.Mouse;
      if (byUser && event.textEditor.document === this.editor.document) this.userMovedCursor = true;
    });
  }

  /** Only when the user left the cursor alone meanwhile: never yanks it away from their own typing elsewhere. */
  private placeCursorAfterInsertion(): void {
    const written = this.insertions
      .map((sink) => sink.range)
      .filter((range) => !range.isEmpty)
      .sort((a, b) => a.start.compareTo(b.start));
    if (written.length === 0 || this.userMovedCursor) return;
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === this.editor.document);
    if (!editor) return;
    // The inserted text ends with the paragraph break that separates it from what follows; the cursor goes before it.
    const end = editor.document.positionAt(
      editor.document.offsetAt(written[0].end) - trailingBreakLength(editor.document.getText(written[0])),
    );
    editor.selections = [new vscode.Selection(end, end)];
    editor.revealRange(new vscode.Range(end, end));
  }
}

function trailingBreakLength(text: string): number {
  return text.length - text.replace(/\s+$/, '').length;
}
