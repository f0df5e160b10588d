import * as vscode from 'vscode';
import type { SourceText } from '../editor/textSource';
import { builtinTasks } from '../prompts/tasks';
import { runTask } from './runTask';
import type { InkwellCommand, Services } from './services';
import { outputArg } from './simpleTaskCommands';

/** How much text before the cursor is sent as context: enough for voice and thread, cheap to send. */
const contextChars = 8000;

/** The text before the cursor (or the selection's end), up to `contextChars`. */
function textBeforeCursor(editor: vscode.TextEditor): SourceText[] {
  const { document } = editor;
  const end = editor.selection.end;
  const endOffset = document.offsetAt(end);
  const start = document.positionAt(Math.max(0, endOffset - contextChars));
  const range = new vscode.Range(start, end);
  const text = document.getText(range);
  return text.trim() ? [{ text, range, origin: 'selection' }] : [];
}

/** "Continue Writing": writes on from the cursor in the same voice. */
export function continueWritingCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.continueWriting',
    run: (arg?: unknown) => runTask(services, { task: builtinTasks.continueWriting, progressTitle: 'Writing on…', output: outputArg(arg), sources: textBeforeCursor }),
  };
}
