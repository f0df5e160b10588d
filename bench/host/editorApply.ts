import OpenAI from 'openai';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import type { EditorApplyArgs, EditorApplyFigures } from '../shared/benchProtocol';
import { AnswerWatch } from './documentWatch';
import { closeAllEditors, openDocument, settle } from './editors';

/** A document of `lines` lines of prose, in paragraphs of five lines. */
export function longDocumentText(lines: number): string {
  const out: string[] = [];
  for (let line = 0; line < lines; line++) {
    out.push((line + 1) % 6 === 0 ? '' : `Line ${line + 1} of the existing document, a sentence of ordinary prose to be kept as it is.`);
  }
  return out.join('\n');
}

/**
 * Item 6: a long answer streamed into the middle of a long document, either
 * by Inkwell ("Summarize", insert below the selected paragraph) or the naive
 * way: the SDK's stream with one awaited `editor.edit` per chunk, each its
 * own undo step. Afterwards counts how many Undo commands restore the
 * original text.
 */
export async function runEditorApply(args: EditorApplyArgs): Promise<EditorApplyFigures> {
  const original = longDocumentText(args.documentLines);
  const editor = await openDocument(original);
  const { document } = editor;
  // The paragraph in the middle of the document.
  const middle = Math.floor(args.documentLines / 2);
  const first = middle - (middle % 6);
  const paragraph = new vscode.Range(first, 0, first + 4, document.lineAt(first + 4).text.length);
  editor.selection = new vscode.Selection(paragraph.start, paragraph.end);
  const insertAt = document.offsetAt(paragraph.end);
  await settle(1000);
  const watch = new AnswerWatch((candidate) => candidate === document, original.length + 2);

  const cpu = process.cpuUsage();
  const started = performance.now();
  let status: string;
  if (args.way === 'inkwell') {
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    status = result?.status ?? 'no result';
  } else {
    status = await naiveApply(editor, insertAt, args);
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  watch.dispose();
  const complete = watch.chars === args.answerChars;

  await vscode.window.showTextDocument(document, { preview: false });
  let undoSteps = 0;
  while (undoSteps < args.undoCap && document.getText() !== original) {
    await vscode.commands.executeCommand('undo');
    undoSteps++;
  }
  const undoCapped = document.getText() !== original;
  await closeAllEditors();
  return { wallMs, cpuMs: (used.user + used.system) / 1000, samples: watch.samples, complete, undoSteps, undoCapped, status };
}

/** The way many extensions do it: every chunk becomes an edit at the end of what was written. */
async function naiveApply(editor: vscode.TextEditor, insertAt: number, args: EditorApplyArgs): Promise<string> {
  const client = new OpenAI({ baseURL: args.baseUrl, apiKey: 'bench', maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: args.model,
    messages: [{ role: 'user', content: 'Summarize the selected paragraph.' }],
    stream: true,
  });
  let offset = insertAt;
  let prefix = '\n\n';
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta?.content;
    if (!content) continue;
    const text = prefix + content;
    prefix = '';
    const position = editor.document.positionAt(offset);
    if (!(await editor.edit((builder) => builder.insert(position, text)))) return 'edit refused';
    offset += text.length;
  }
  return 'done';
}
