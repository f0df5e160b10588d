import * as vscode from 'vscode';
import type { SourceText } from '../editor/textSource';
import { builtinTasks } from '../prompts/tasks';
import { commandArguments, type ArgumentsOf } from './commandArguments';
import { runTask, taskRunFields } from './runTask';
import type { InkwellCommand, Services } from './services';

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

/** `{ output }`: one continuation, so no alternatives. */
const continueWritingArguments = commandArguments({ output: taskRunFields.output });

/** "Continue Writing": writes on from the cursor in the same voice. */
export function continueWritingCommand(services: Services): InkwellCommand<ArgumentsOf<typeof continueWritingArguments>> {
  return {
    id: 'inkwell.continueWriting',
    args: continueWritingArguments,
    run: (args) =>
      runTask(services, {
        task: builtinTasks.continueWriting,
        progressTitle: vscode.l10n.t('Writing on…'),
        output: args?.output,
        sources: textBeforeCursor,
      }),
  };
}
