import * as vscode from 'vscode';
import type { CommandResult } from '../shared/commandResult';
import { readConfig } from '../settings/config';
import { AnswerTargets, reviewChoiceFor, type AnswerSink, type ReviewChoice } from '../editor/answerSinks';
import { selectionSource, type SourceText } from '../editor/textSource';
import type { InlineReviews } from '../editor/inlineReview/inlineReviews';
import type { ReviewManager } from '../editor/reviewManager';
import { Disposable } from '../shared/disposable';

/** Documents that are not the user's text: answers never go there. */
const excludedSchemes = new Set(['output', 'debug', 'vscode-settings', 'comment']);

function isWritingEditor(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return !!editor && !excludedSchemes.has(editor.document.uri.scheme);
}

const emptyAnswer = 'Inkwell: that answer is empty, so there is nothing to put into the document.';

function fileName(document: vscode.TextDocument): string {
  return document.uri.path.split('/').pop() || document.uri.toString();
}

/**
 * Moves chat answers into the editor: Copy, Insert at cursor, Replace
 * selection, Open as new document. Insert and Replace go through the answer
 * sinks the writing commands use, so a Replace is reviewed as theirs are
 * (tracked changes or side by side, per `inkwell.review.style`), each is one
 * undo step, and nothing the user wrote is left selected. Clicking a button
 * in the chat takes focus away from the editor, so the last text editor the
 * user was in is remembered and written to.
 */
export class EditorActions extends Disposable {
  private last: vscode.TextEditor | undefined;

  constructor(
    private readonly reviews: ReviewManager,
    /** With `inkwell.review.style` inline, Replace is reviewed as tracked changes. */
    private readonly inlineReviews?: InlineReviews,
  ) {
    super();
    this.last = isWritingEditor(vscode.window.activeTextEditor) ? vscode.window.activeTextEditor : undefined;
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (isWritingEditor(editor)) this.last = editor;
      }),
    );
  }

  async copy(text: string): Promise<CommandResult> {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage('Inkwell: copied to the clipboard.', 3000);
    return { status: 'done', text };
  }

  /** `markdownForm`: what to insert instead when the document is Markdown (a code block keeps its fence there). */
  async insertAtCursor(text: string, markdownForm?: string): Promise<CommandResult> {
    if (!text.trim()) return tell(emptyAnswer);
    const editor = await this.targetEditor();
    if (!editor) return tell('Inkwell: open a document and put the cursor where the text should go, then click Insert again.');
    const at = editor.selection.active;
    if (markdownForm !== undefined && editor.document.languageId === 'markdown') {
      // A fence only opens at the start of a line.
      text = at.character > 0 ? `\n${markdownForm}` : markdownForm;
    }
    const source: SourceText = { text: '', range: new vscode.Range(at, at), origin: 'selection' };
    const { sink } = await this.write(editor, 'cursor', source, text, 'Insert chat answer');
    if (sink.stoppedBecause) return { status: 'stopped', text: sink.landed ?? '' };
    void vscode.window.setStatusBarMessage(`Inkwell: inserted into ${fileName(editor.document)}.`, 3000);
    return { status: 'done', text };
  }

  async replaceSelection(text: string): Promise<CommandResult> {
    if (!text.trim()) return tell(emptyAnswer);
    const editor = await this.targetEditor();
    if (!editor) return tell('Inkwell: open a document and select the text to replace, then click Replace again.');
    if (editor.selection.isEmpty)
      return tell(`Inkwell: select the text to replace in ${fileName(editor.document)}, then click Replace again.`);
    // Replacing the user's text always goes through the review: nothing is overwritten without consent.
    const source = selectionSource(editor.document, editor.selection);
    const choice = reviewChoiceFor(readConfig().reviewStyle, this.inlineReviews, [source]);
    const { targets } = await this.write(editor, 'replace', source, text, 'Replace with chat answer', choice);
    return { status: 'done', text, reviewId: targets.review?.id };
  }

  /** Writes a finished answer through the sink of `mode`, as a writing command writes a streamed one. */
  private async write(
    editor: vscode.TextEditor,
    mode: 'cursor' | 'replace',
    source: SourceText,
    text: string,
    title: string,
    choice: ReviewChoice = {},
  ): Promise<{ targets: AnswerTargets; sink: AnswerSink }> {
    const targets = new AnswerTargets(editor, mode, this.reviews, title, choice);
    await targets.prepare([source]);
    const sink = targets.sinkFor(source, 0);
    try {
      sink.write(text);
      await sink.close();
    } finally {
      await targets.end();
    }
    return { targets, sink };
  }

  async openAsNewDocument(text: string, language = 'markdown'): Promise<CommandResult & { document?: vscode.TextDocument }> {
    const known = await vscode.languages.getLanguages();
    const document = await vscode.workspace.openTextDocument({
      language: known.includes(language) ? language : 'plaintext',
      content: text,
    });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return { status: 'done', text, document };
  }

  /**
   * The editor to write to: the last one the user was in, shown again (with
   * its selection) if the chat or something else has covered it since.
   */
  private async targetEditor(): Promise<vscode.TextEditor | undefined> {
    const last = this.last && !this.last.document.isClosed ? this.last : undefined;
    if (!last) return vscode.window.visibleTextEditors.find(isWritingEditor);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor === last);
    if (visible) return visible;
    const selection = last.selection;
    const shown = await vscode.window.showTextDocument(last.document, {
      viewColumn: last.viewColumn,
      preserveFocus: false,
      preview: false,
    });
    shown.selection = selection;
    return shown;
  }
}

function tell(message: string): CommandResult {
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}
