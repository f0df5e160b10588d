import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { closeTabsOf } from '../editor/documentTabs';
import { DocumentDraftSink } from '../editor/draftSink';
import { GenerationError } from '../generation/errors';
import { planDraft } from '../pipeline/draftPlan';
import { runDraftPlan } from '../pipeline/runDraftPlan';
import { builtinTasks } from '../prompts/tasks';
import { resolveAnswerLanguage } from '../prompts/answerLanguage';
import { commandArguments, flag, positiveNumber, required, text, textList, type ArgumentsOf } from './commandArguments';
import { reportFailure } from './errorReporting';
import type { CommandResult, InkwellCommand, Services } from './services';

/**
 * Arguments of `inkwell.draftArticle`, each replacing a question: the topic
 * alone, or `{ topic, audience, words, outline, editOutline }`. `words`: for
 * the whole article; `outline`: section headings to follow instead of asking
 * the model for an outline; `editOutline`: stop after the outline so the
 * user can edit its headings in the draft, then write the sections under the
 * headings as they are then (on when the command asks its questions itself,
 * off by default for scripts).
 */
const draftArguments = commandArguments(
  { topic: required(text), audience: text, words: positiveNumber, outline: textList, editOutline: flag },
  ['topic'],
);

export type DraftArgs = ArgumentsOf<typeof draftArguments>;

const lengths = [
  { label: 'Short', description: 'about 500 words', words: 500 },
  { label: 'Medium', description: 'about 1,000 words', words: 1000 },
  { label: 'Long', description: 'about 2,000 words', words: 2000 },
];

/**
 * "Draft Article": the outline first, written into a new Markdown document
 * (and, when asked, left there for the user to edit), then each section
 * streaming in under its heading, so a long draft shows progress and a
 * cancel keeps every section written so far. The steps are the draft plan's
 * (src/pipeline/draftPlan.ts); this command asks for the brief and gives
 * the plan the new document to write into.
 */
export function draftArticleCommand(services: Services): InkwellCommand<DraftArgs> {
  return {
    id: 'inkwell.draftArticle',
    args: draftArguments,
    async run(given): Promise<CommandResult> {
      const args = given ?? (await askDraftArgs());
      if (!args?.topic?.trim()) return { status: 'cancelled' };
      const config = readConfig();
      const plan = planDraft({ ...args, answerLanguage: resolveAnswerLanguage(config.answerLanguage, vscode.env.language) });
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(document, { preview: false });
      return services.operations.run('Draft Article', (operation) =>
        Promise.resolve(
          vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Inkwell: drafting…', cancellable: true },
            async (progress, token): Promise<CommandResult> => {
              token.onCancellationRequested(() => operation.controller.abort());
              const { signal } = operation.controller;
              const sink = new DocumentDraftSink(document, () => operation.controller.abort());
              const request = { temperature: builtinTasks.draftArticle.temperature, maxOutputTokens: config.maxTokens, signal };
              try {
                const outcome = await runDraftPlan(plan, {
                  generate: async (messages, onDelta) => (await services.generation.generate({ ...request, messages }, onDelta)).text,
                  sink,
                  signal,
                  onProgress: (message) => progress.report({ message }),
                  onNote: (note) => void vscode.window.showWarningMessage(`Inkwell: ${note}`),
                  confirmOutline: () => outlineConfirmed(signal),
                });
                if (outcome.status === 'outlineOnly') {
                  return {
                    status: 'cancelled',
                    message: 'Inkwell: the outline is kept in the draft; no sections were written.',
                    text: document.getText(),
                  };
                }
                return { status: 'done', text: document.getText(), ...(outcome.note ? { message: `Inkwell: ${outcome.note}` } : {}) };
              } catch (error) {
                await sink.settle();
                const written = document.getText();
                // A draft that got no text at all is closed again rather than left as an empty tab.
                if (!written.trim()) await closeTabsOf(document);
                if (sink.stoppedBecause)
                  return {
                    status: 'stopped',
                    message: 'Inkwell: drafting stopped because the draft was edited or closed. What was written is kept.',
                    text: written,
                  };
                return reportFailure(
                  services,
                  error instanceof Error ? error : new GenerationError('badResponse', String(error)),
                  written.trim() ? 'The sections written so far are kept in the draft.' : undefined,
                );
              } finally {
                sink.dispose();
              }
            },
          ),
        ),
      );
    },
  };
}

/** Asks, without blocking the editor, whether to write the sections of the outline as the user left it. */
async function outlineConfirmed(signal: AbortSignal): Promise<boolean> {
  const choice = vscode.window.showInformationMessage(
    'Inkwell: the outline is in the draft. Edit, add or remove its ## headings, then write the sections.',
    'Write Sections',
    'Cancel',
  );
  const cancelled = new Promise<undefined>((resolve) => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
  return (await Promise.race([choice, cancelled])) === 'Write Sections';
}

async function askDraftArgs(): Promise<DraftArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).slice(0, 500) : '';
  const topic = await vscode.window.showInputBox({
    title: 'Inkwell: Draft Article (1/3)',
    prompt: 'What is the article about?',
    value: selected,
    ignoreFocusOut: true,
  });
  if (!topic?.trim()) return undefined;
  const audience = await vscode.window.showInputBox({
    title: 'Inkwell: Draft Article (2/3)',
    prompt: 'Who is it for? (optional, e.g. "engineers new to Rust")',
    ignoreFocusOut: true,
  });
  if (audience === undefined) return undefined;
  const length = await vscode.window.showQuickPick(lengths, {
    title: 'Inkwell: Draft Article (3/3)',
    placeHolder: 'How long?',
    ignoreFocusOut: true,
  });
  if (!length) return undefined;
  return { topic, audience: audience || undefined, words: length.words, editOutline: true };
}
