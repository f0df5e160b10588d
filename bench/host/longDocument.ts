import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { epochNow, type LongDocumentArgs, type LongDocumentFigures } from '../shared/benchProtocol';
import { closeAllEditors, openDocument, settle } from './editors';

/** About `chars` characters of prose in paragraphs, as a long report would be. */
export function proseOf(chars: number): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let index = 1; size < chars; index++) {
    const sentence = `Paragraph ${index} describes one part of the project in plain words, with enough detail to need a summary. `;
    const paragraph = sentence.repeat(4).trim();
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, chars);
}

/** Item 4: "Summarize" on the whole of a long document; the local server adds a fixed latency per request. */
export async function runLongDocument(args: LongDocumentArgs): Promise<LongDocumentFigures> {
  const editor = await openDocument(proseOf(args.chars));
  const { document } = editor;
  editor.selection = new vscode.Selection(new vscode.Position(0, 0), document.positionAt(document.getText().length));
  await settle(1000);
  const startedAt = epochNow();
  const started = performance.now();
  const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
  const wallMs = performance.now() - started;
  await closeAllEditors();
  return { startedAt, wallMs, status: result?.status ?? 'no result' };
}
