import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { AnswerTargets, reviewChoiceFor } from '../editor/answerSinks';
import { isShownInTab } from '../editor/documentTabs';
import { sourceTexts, type SourceText } from '../editor/textSource';
import { GenerationError } from '../generation/errors';
import type { ChatMessage } from '../generation/types';
import { outputModes, type OutputMode, type WritingTask } from '../prompts/tasks';
import { resolveAnswerLanguage } from '../prompts/answerLanguage';
import { chooseAlternative } from './alternatives';
import { oneOf, wholeNumber } from './commandArguments';
import { asGenerationError, reportFailure } from './errorReporting';
import { checkAnswer, describeFindings } from '../pipeline/answerChecks';
import { runWritingPlan } from '../pipeline/runWritingPlan';
import { partBudget, planLimits, planWriting, type GenerateOne } from '../pipeline/writingPlan';
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
  /** The text to work on instead of the selection (e.g. the text before the cursor). */
  sources?: (editor: vscode.TextEditor) => SourceText[];
  /** With `inkwell.alternatives` > 1: which candidate to take (0-based) instead of asking. */
  alternative?: number;
}

/** The argument fields of a writing command that `TaskRun` takes as they are: `{ output, alternative }`. */
export const taskRunFields = { output: oneOf(outputModes), alternative: wholeNumber };

/** The output mode for a task: the command's argument, then `inkwell.output`, then the task's default. */
export function outputModeFor(task: WritingTask, requested?: OutputMode): OutputMode {
  return requested ?? readConfig().output[task.id] ?? task.defaultOutput;
}

/** Modes that write into the document the text came from. */
const writesIntoSource = new Set<OutputMode>(['replace', 'insertBelow', 'insertAbove', 'cursor']);

/**
 * Runs a writing task on the active editor's selections (or the paragraph at
 * the cursor) and streams each answer to where the output mode says. Resolves
 * when every answer is written (a review: complete and shown), or the error
 * has been shown.
 */
export async function runTask(services: Services, run: TaskRun): Promise<CommandResult> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return tell(vscode.l10n.t('Inkwell: open a document and select the text to work on, then run "{0}" again.', run.task.title));
  }
  const sources = (run.sources ?? sourceTexts)(editor);
  if (sources.length === 0) {
    return tell(vscode.l10n.t('Inkwell: select some text (or put the cursor in a paragraph) for "{0}".', run.task.title));
  }
  let mode = outputModeFor(run.task, run.output);
  if (writesIntoSource.has(mode) && isReadOnly(editor.document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Inkwell: this document is read-only, so the answer opens in a new document.'));
    mode = 'newDocument';
  }
  const config = readConfig();
  const answerLanguage = resolveAnswerLanguage(config.answerLanguage, vscode.env.language);
  const limits = planLimits(config);
  // Inserting bottom-up keeps earlier insertions from moving the places of later ones.
  const order = mode === 'insertBelow' || mode === 'insertAbove' || mode === 'cursor' ? [...sources.keys()].reverse() : [...sources.keys()];

  return services.operations.run(run.task.title, async (operation) =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Inkwell: ${run.progressTitle}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => operation.controller.abort());
        const targets = new AnswerTargets(
          editor,
          mode,
          services.reviews,
          run.task.title,
          mode === 'replace' ? reviewChoiceFor(config.reviewStyle, services.inlineReviews, sources) : {},
        );
        await targets.prepare(sources);
        const answers: string[] = new Array(sources.length).fill('');
        for (const [step, index] of order.entries()) {
          const source = sources[index];
          if (sources.length > 1) progress.report({ message: `${step + 1} of ${sources.length}` });
          const sink = targets.sinkFor(source, index);
          const write = (text: string) => {
            if (!text) return;
            answers[index] += text;
            sink.write(text);
          };
          const stopped = sink.onDidStop?.(() => operation.controller.abort());
          const request = (messages: ChatMessage[]) => ({
            messages,
            temperature: run.task.temperature ?? config.temperature,
            maxOutputTokens: config.maxTokens,
            signal: operation.controller.signal,
          });
          const generate: GenerateOne = async (messages, onDelta) => (await services.generation.generate(request(messages), onDelta)).text;
          try {
            const writing = { task: run.task, text: source.text, variables: run.variables ?? {}, answerLanguage };
            const countTokens = services.tokens.forModel(config.model, source.text, partBudget(run.task, limits));
            const plan = planWriting(writing, { ...limits, countTokens, alternatives: mode === 'replace' ? config.alternatives : 1 });
            await runWritingPlan(plan, writing, {
              generate,
              onDelta: write,
              onProgress: (message) => progress.report({ message }),
              concurrency: config.maxConcurrentRequests,
              chooseAlternative: (messages, count, keepLeadingFence) =>
                chooseAlternative(services.generation, request(messages), count, keepLeadingFence, run.alternative),
            });
            await sink.close();
          } catch (error) {
            await sink.close();
            const text = answers.filter(Boolean).join('\n\n');
            if (
              sink.stoppedBecause === 'documentClosed' ||
              ((sink.stoppedBecause === 'userEditedRegion' || sink.stoppedBecause === 'documentReverted') &&
                (await noLongerShown(editor.document)))
            ) {
              await targets.end({ message: vscode.l10n.t('the document was closed.'), category: 'cancelled' });
              return {
                status: 'cancelled',
                message: vscode.l10n.t('Inkwell: the document was closed, so writing stopped and the request was cancelled.'),
                text: sink.landed ?? text,
              };
            }
            if (sink.stoppedBecause === 'documentReverted') {
              await targets.end({ message: vscode.l10n.t('the document was reverted.'), category: 'cancelled' });
              return {
                status: 'cancelled',
                message: vscode.l10n.t(
                  'Inkwell: the document was reverted to its saved text, so writing stopped and the request was cancelled; none of the answer is kept.',
                ),
                text: '',
              };
            }
            if (sink.stoppedBecause === 'userEditedRegion') {
              await targets.end({ message: vscode.l10n.t('you edited the text being written.'), category: 'cancelled' });
              const message = vscode.l10n.t(
                'Inkwell: you edited the text being written, so writing stopped there. What was written is kept.',
              );
              void vscode.window.showWarningMessage(message);
              return { status: 'stopped', message, text: sink.landed ?? text };
            }
            if (mode === 'clipboard' && text.trim()) await vscode.env.clipboard.writeText(text);
            const failure = asGenerationError(error);
            const result = reportFailure(services, failure, keptNote(text, mode));
            await targets.end({ message: failure.message, category: failure.category });
            return { ...result, reviewId: targets.review?.state === 'failed' ? targets.review.id : undefined };
          } finally {
            stopped?.dispose();
          }
        }
        const incomplete = targets.review && !targets.review.hasCompleteText();
        if (incomplete) {
          const failure = new GenerationError(
            'emptyAnswer',
            vscode.l10n.t('The answer was empty, so there is nothing to review. Try again, or try another model.'),
          );
          await targets.end({ message: failure.message, category: failure.category });
          return { ...reportFailure(services, failure), reviewId: targets.review?.id };
        }
        const dropped = droppedMarkdown(run.task, targets, sources, answers);
        await targets.end();
        const text = answers.join('\n\n');
        if (mode === 'clipboard') {
          await vscode.env.clipboard.writeText(text);
          void vscode.window.setStatusBarMessage(vscode.l10n.t('Inkwell: answer copied to the clipboard.'), 5000);
        }
        return { status: 'done', text, reviewId: targets.review?.id, ...(dropped ? { message: dropped } : {}) };
      },
    ),
  );
}

/**
 * The answer check of a review: Markdown a rewrite must keep (links, code,
 * math, footnotes, front matter) that the proposal dropped or altered is
 * flagged in the review and said once, so it is never accepted unseen.
 */
function droppedMarkdown(
  task: WritingTask,
  targets: AnswerTargets,
  sources: readonly SourceText[],
  answers: readonly string[],
): string | undefined {
  if (!targets.review || task.kind !== 'rewrite' || !task.keepMarkdown) return undefined;
  const findings = checkAnswer(sources.map((source) => source.text).join('\n\n'), answers.join('\n\n'));
  if (!findings.length) return undefined;
  const summary = describeFindings(findings);
  targets.flagDropped(
    summary,
    findings.flatMap((finding) => finding.items),
  );
  const message = vscode.l10n.t('Inkwell: check the proposal before accepting: {0}.', summary);
  void vscode.window.showWarningMessage(message);
  return message;
}

/** Schemes whose documents take edits although no writable file system backs them. */
const editableSchemes = new Set(['untitled', 'vscode-notebook-cell', 'vscode-interactive-input']);

/** Read-only: a file system that says so (e.g. git:), or a content provider's document (output, virtual views). */
function isReadOnly(document: vscode.TextDocument): boolean {
  const scheme = document.uri.scheme;
  return !editableSchemes.has(scheme) && vscode.workspace.fs.isWritableFileSystem(scheme) !== true;
}

/**
 * Closing a dirty document first reverts it, which looks like an edit inside
 * the answer; a moment later its tab is gone. Only called on that rare path.
 */
async function noLongerShown(document: vscode.TextDocument): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return document.isClosed || !isShownInTab(document.uri);
}

function tell(message: string): CommandResult {
  void vscode.window.showInformationMessage(message);
  return { status: 'noInput', message };
}

function keptNote(answer: string, mode: OutputMode): string | undefined {
  if (!answer.trim()) return undefined;
  if (mode === 'clipboard') return vscode.l10n.t('The part that arrived is on the clipboard.');
  if (mode === 'replace')
    return vscode.l10n.t(
      'Your text is unchanged. The part that arrived is in the review, marked incomplete: it cannot replace your text, but "Use What Arrived" inserts it below, opens or copies it.',
    );
  if (mode === 'newDocument') return vscode.l10n.t('The part that arrived is kept in the new document.');
  return vscode.l10n.t('The part that arrived is kept in the document; your own text is unchanged.');
}
