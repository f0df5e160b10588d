import * as vscode from 'vscode';
import { readConfig } from '../config';
import { StreamingInsertion } from '../editor/streamingInsertion';
import { sourceTexts, type SourceText } from '../editor/textSource';
import { WrappingFenceFilter } from '../prompts/answerCleanup';
import { buildTaskMessages, type OutputMode, type WritingTask } from '../prompts/tasks';
import { resolveAnswerLanguage } from './answerLanguage';
import { reportFailure } from './errorReporting';
import type { CommandResult, Services } from './services';

/** How one run of a writing task is set up by its command. */
export interface TaskRun {
  task: WritingTask;
  /** Values for the task's `{{placeholders}}`. */
  variables?: Record<string, string>;
  /** Overrides the task's default and `inkwell.output`. */
  output?: OutputMode;
  /** Shown in the progress notification, e.g. "Summarizing…". */
  progressTitle: string;
}

/** The output mode for a task: the command's argument, then `inkwell.output`, then the task's default. */
export function outputModeFor(task: WritingTask, requested?: OutputMode): OutputMode {
  return requested ?? readConfig().output[task.id] ?? task.defaultOutput;
}

/**
 * Runs a writing task on the active editor's selections (or the paragraph at
 * the cursor) and streams each answer to where the output mode says. Resolves
 * when every answer is written, or the error has been shown.
 */
export async function runTask(services: Services, run: TaskRun): Promise<CommandResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return tell(`Inkwell: open a document and select the text to work on, then run "${run.task.title}" again.`);
  }
  const sources = sourceTexts(editor);
  if (sources.length === 0) {
    return tell(`Inkwell: select some text (or put the cursor in a paragraph) for "${run.task.title}".`);
  }
  const mode = outputModeFor(run.task, run.output);
  const config = readConfig();
  const answerLanguage = resolveAnswerLanguage(config.answerLanguage);

  return services.operations.run(run.task.title, async (operation) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Inkwell: ${run.progressTitle}`, cancellable: true },
      async (_progress, token) => {
        token.onCancellationRequested(() => operation.controller.abort());
        const texts: string[] = [];
        // Bottom first, so inserting below one selection never moves the ones above it.
        const ordered = [...sources].reverse();
        for (const [index, source] of ordered.entries()) {
          const target = await openTarget(editor, source, mode, index > 0);
          const filter = new WrappingFenceFilter(/^\s*(```|~~~)/.test(source.text));
          let answer = '';
          const write = (text: string) => {
            if (!text) return;
            if (!answer && target.prefix) target.insertion?.push(target.prefix);
            answer += text;
            target.insertion?.push(text);
          };
          const stopped = target.insertion?.onDidStop(() => operation.controller.abort());
          try {
            await services.generation.generate(
              {
                messages: buildTaskMessages(run.task, { text: source.text, variables: run.variables, answerLanguage }),
                temperature: run.task.temperature ?? config.temperature,
                maxOutputTokens: config.maxTokens,
                signal: operation.controller.signal,
              },
              (delta) => write(filter.push(delta)),
            );
            write(filter.end());
            if (target.suffix && answer) target.insertion?.push(target.suffix);
            await target.insertion?.finish();
            texts.push(answer);
          } catch (error) {
            write(filter.end());
            await target.insertion?.finish();
            const reason = target.insertion?.stoppedBecause;
            if (reason === 'userEditedRegion') {
              const message = 'Inkwell: you edited the text being written, so writing stopped there. What was written is kept.';
              void vscode.window.showWarningMessage(message);
              return { status: 'stopped', message, text: answer };
            }
            if (reason === 'documentClosed') return { status: 'cancelled', message: 'Inkwell: the document was closed, so the request was cancelled.', text: answer };
            if (mode === 'clipboard' && answer) await vscode.env.clipboard.writeText(answer);
            return reportFailure(services, error, keptNote(answer, mode));
          } finally {
            stopped?.dispose();
          }
        }
        const text = texts.reverse().join('\n\n');
        if (mode === 'clipboard') {
          await vscode.env.clipboard.writeText(text);
          void vscode.window.setStatusBarMessage('Inkwell: answer copied to the clipboard.', 5000);
        }
        return { status: 'done', text };
      },
    ),
  );
}

function tell(message: string): CommandResult {
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}

function keptNote(answer: string, mode: OutputMode): string | undefined {
  if (!answer) return undefined;
  return mode === 'clipboard' ? 'The part that arrived is on the clipboard.' : 'The part that arrived is kept in the document.';
}

interface Target {
  insertion?: StreamingInsertion;
  /** Written before the first answer text, only once text arrives. */
  prefix?: string;
  suffix?: string;
}

/** Where an answer streams to, per output mode. `replace` is handled by the review (its own module). */
async function openTarget(editor: vscode.TextEditor, source: SourceText, mode: OutputMode, joinUndo: boolean): Promise<Target> {
  const { document } = editor;
  switch (mode) {
    case 'insertAbove':
      return { insertion: new StreamingInsertion(document, new vscode.Position(source.range.start.line, 0), joinUndo), suffix: '\n\n' };
    case 'cursor':
      return { insertion: new StreamingInsertion(document, editor.selection.active, joinUndo) };
    case 'newDocument': {
      const created = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(created, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      return { insertion: new StreamingInsertion(created, new vscode.Position(0, 0), false) };
    }
    case 'clipboard':
      return {};
    case 'replace':
    case 'insertBelow':
    default: {
      const end = document.lineAt(source.range.end.line).range.end;
      return { insertion: new StreamingInsertion(document, end, joinUndo), prefix: '\n\n' };
    }
  }
}
