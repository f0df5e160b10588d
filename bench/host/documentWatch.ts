import * as vscode from 'vscode';
import { epochNow, type DocumentSample } from '../shared/benchProtocol';

/**
 * Records how many answer characters a document holds after each change, at
 * the moment the extension host sees it. Lengths are tracked from the change
 * events alone (no `getText()` per change), so watching costs next to
 * nothing on the CPU figures it runs beside.
 */
export class AnswerWatch implements vscode.Disposable {
  readonly samples: DocumentSample[] = [];
  private length = 0;
  private document: vscode.TextDocument | undefined;
  private readonly listeners: vscode.Disposable[];

  /**
   * `matches` picks the document (it may open later); `answerStart` is how
   * many of its characters are not answer when it holds none yet.
   */
  constructor(
    private readonly matches: (document: vscode.TextDocument) => boolean,
    private readonly answerStart: number,
  ) {
    this.listeners = [
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (!this.document && matches(document)) this.adopt(document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!this.document && this.matches(event.document)) this.adopt(event.document);
        else if (event.document === this.document) {
          for (const change of event.contentChanges) this.length += change.text.length - change.rangeLength;
          this.samples.push({ at: epochNow(), chars: this.length - this.answerStart });
        }
      }),
    ];
    const open = vscode.workspace.textDocuments.find(matches);
    if (open) this.adopt(open, false);
  }

  /** Answer characters in the document now. */
  get chars(): number {
    return this.length - this.answerStart;
  }

  dispose(): void {
    for (const listener of this.listeners.splice(0)) listener.dispose();
  }

  private adopt(document: vscode.TextDocument, sample = true): void {
    this.document = document;
    this.length = document.getText().length;
    if (sample) this.samples.push({ at: epochNow(), chars: this.length - this.answerStart });
  }
}
