import * as vscode from 'vscode';
import type { DraftSink } from '../pipeline/runDraftPlan';
import { Disposable } from '../shared/disposable';
import { StreamingInsertion, type InsertionStop } from './streamingInsertion';

/**
 * Writes a draft into its document, one streaming insertion after another
 * (the outline, then each section), all in one undo step. When the writer
 * edits the text being written or closes the draft, `onStop` is told, so
 * the request can be cancelled.
 */
export class DocumentDraftSink extends Disposable implements DraftSink {
  private insertion: StreamingInsertion | undefined;
  private stopped: vscode.Disposable | undefined;

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly onStop: () => void,
  ) {
    super();
    this.register({ dispose: () => this.stopped?.dispose() });
  }

  /** Why the last insertion stopped early, if it did. */
  get stoppedBecause(): InsertionStop {
    return this.insertion?.stoppedBecause;
  }

  text(): string {
    return this.document.getText();
  }

  async insertAt(offset: number): Promise<(text: string) => void> {
    await this.insertion?.finish();
    this.stopped?.dispose();
    const insertion = new StreamingInsertion(this.document, this.document.positionAt(offset), this.insertion !== undefined);
    this.insertion = insertion;
    this.stopped = insertion.onDidStop(() => this.onStop());
    return (text) => insertion.push(text);
  }

  async settle(): Promise<void> {
    await this.insertion?.finish();
  }
}
