import * as vscode from 'vscode';
import type { OutputMode } from '../prompts/tasks';
import type { ReviewManager } from './reviewManager';
import type { ReviewSession } from './reviewSession';
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

/** Streams into a document; writes `prefix` before the first text and `suffix` after the last. */
class InsertionSink implements AnswerSink {
  private started = false;
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
  write(text: string): void {
    if (!text) return;
    if (!this.started && this.prefix) this.insertion.push(this.prefix);
    this.started = true;
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
      void vscode.window.showWarningMessage('Inkwell: the document did not accept the answer, so it is in this new document instead.');
    }
  }
}

class ReviewSink implements AnswerSink {
  constructor(
    private readonly reviews: ReviewManager,
    private readonly session: ReviewSession,
    private readonly part: number,
  ) {}
  write(text: string): void {
    this.reviews.append(this.session, this.part, text);
  }
  async close(): Promise<void> {}
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
 * document in one run is one undo step.
 */
export class AnswerTargets {
  review?: ReviewSession;
  private newDocument?: vscode.TextDocument;
  private opened = 0;

  constructor(
    private readonly editor: vscode.TextEditor,
    private readonly mode: OutputMode,
    private readonly reviews: ReviewManager,
    private readonly title: string,
  ) {}

  /** Prepares what must exist before streaming starts: the review diff or the new document. */
  async prepare(sources: readonly SourceText[]): Promise<void> {
    if (this.mode === 'replace') {
      this.review = await this.reviews.open(this.editor.document, sources.map((source) => source.range), this.title);
    } else if (this.mode === 'newDocument') {
      this.newDocument = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(this.newDocument, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }
  }

  /** The sink for the source at `reviewPart` (its index in document order). */
  sinkFor(source: SourceText, reviewPart: number): AnswerSink {
    const joinUndo = this.opened++ > 0;
    const { document } = this.editor;
    switch (this.mode) {
      case 'replace':
        return new ReviewSink(this.reviews, this.review!, reviewPart);
      case 'insertAbove':
        return new InsertionSink(new StreamingInsertion(document, new vscode.Position(source.range.start.line, 0), joinUndo), '', '\n\n');
      case 'cursor':
        return new InsertionSink(new StreamingInsertion(document, source.range.end, joinUndo));
      case 'newDocument': {
        const end = this.newDocument!.positionAt(this.newDocument!.getText().length);
        return new InsertionSink(new StreamingInsertion(this.newDocument!, end, joinUndo), joinUndo ? '\n\n' : '');
      }
      case 'clipboard':
        return new CollectingSink();
      case 'insertBelow':
      default:
        return new InsertionSink(new StreamingInsertion(document, document.lineAt(source.range.end.line).range.end, joinUndo), '\n\n');
    }
  }

  /** Called once every source is done: a review becomes ready for Accept/Reject. */
  async finish(): Promise<void> {
    if (this.review) await this.reviews.complete(this.review);
  }
}
