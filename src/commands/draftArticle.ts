import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { closeTabsOf } from '../editor/documentTabs';
import { StreamingInsertion } from '../editor/streamingInsertion';
import { GenerationError } from '../generation/errors';
import { WrappingFenceFilter } from '../prompts/answerCleanup';
import { capSections, droppedSectionsNote, parseOutline } from '../prompts/articleOutline';
import { builtinTasks, buildTaskMessages } from '../prompts/tasks';
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

/** The `## ` headings of the draft as it is now, each with the line it is on. */
function headingsIn(document: vscode.TextDocument): Array<{ line: number; text: string }> {
  const headings: Array<{ line: number; text: string }> = [];
  for (let line = 0; line < document.lineCount; line++) {
    const match = /^##\s+(.+?)\s*$/.exec(document.lineAt(line).text);
    if (match) headings.push({ line, text: match[1] });
  }
  return headings;
}

/**
 * "Draft Article": the outline first, written into a new Markdown document
 * (and, when asked, left there for the user to edit), then each section
 * streaming in under its heading, so a long draft shows progress and a
 * cancel keeps every section written so far.
 */
export function draftArticleCommand(services: Services): InkwellCommand<DraftArgs> {
  return {
    id: 'inkwell.draftArticle',
    args: draftArguments,
    async run(given): Promise<CommandResult> {
      const args = given ?? (await askDraftArgs());
      if (!args?.topic?.trim()) return { status: 'cancelled' };
      const outline = args.outline?.filter((heading) => heading.trim() !== '');
      const config = readConfig();
      const answerLanguage = resolveAnswerLanguage(config.answerLanguage, vscode.env.language);
      const words = args.words ?? 1000;
      const details = args.audience ? `The readers are ${args.audience}.` : '';
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(document, { preview: false });
      return services.operations.run('Draft Article', (operation) =>
        Promise.resolve(
          vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Inkwell: drafting…', cancellable: true },
            async (progress, token): Promise<CommandResult> => {
              token.onCancellationRequested(() => operation.controller.abort());
              const request = {
                temperature: builtinTasks.draftArticle.temperature,
                maxOutputTokens: config.maxTokens,
                signal: operation.controller.signal,
              };
              let insertion: StreamingInsertion | undefined;
              let stopped: vscode.Disposable | undefined;
              /** Streams into the draft at `at`; the previous insertion is finished first. */
              const insertAt = async (at: vscode.Position) => {
                await insertion?.finish();
                stopped?.dispose();
                insertion = new StreamingInsertion(document, at, insertion !== undefined);
                stopped = insertion.onDidStop(() => operation.controller.abort());
                return insertion;
              };
              try {
                let plan: { title: string; sections: string[] };
                if (outline?.length) {
                  plan = { title: args.topic, sections: outline };
                } else {
                  progress.report({ message: 'outline' });
                  const outline = await services.generation.generate({
                    ...request,
                    messages: buildTaskMessages(builtinTasks.draftArticle, { text: args.topic, answerLanguage, variables: { details } }),
                  });
                  plan = parseOutline(outline.text, args.topic);
                }
                // Only the sections that will be written go into the draft; the writer is told about the rest.
                const planned = capSections(plan.sections);
                let sectionsBeyondCap = planned.dropped ? plan.sections.length : 0;
                (await insertAt(new vscode.Position(0, 0))).push(
                  `# ${plan.title}\n${planned.sections.map((section) => `\n## ${section}\n`).join('')}`,
                );
                await insertion!.finish();
                if (args.editOutline) progress.report({ message: 'waiting for you to edit the outline' });
                if (args.editOutline && !(await outlineConfirmed(operation.controller.signal))) {
                  return {
                    status: 'cancelled',
                    message: 'Inkwell: the outline is kept in the draft; no sections were written.',
                    text: document.getText(),
                  };
                }
                // The writer may have added headings while editing the outline: the same cap holds for them.
                const edited = capSections(headingsIn(document));
                const headings = edited.sections;
                if (edited.dropped) sectionsBeyondCap = headings.length + edited.dropped;
                const note = sectionsBeyondCap ? droppedSectionsNote(sectionsBeyondCap) : undefined;
                if (note) void vscode.window.showWarningMessage(`Inkwell: ${note}`);
                const title = /^#\s+(.+)$/m.exec(document.getText())?.[1] ?? plan.title;
                const outlineText = headings.map((heading) => `- ${heading.text}`).join('\n');
                for (const [index, heading] of headings.entries()) {
                  progress.report({ message: `section ${index + 1} of ${headings.length}: ${heading.text}` });
                  // Everything of the previous section must be in the document before this one's place is read.
                  await insertion?.finish();
                  // The heading may have moved: sections above it grew, or the user edits the draft meanwhile.
                  const line =
                    headingsIn(document).find((candidate) => candidate.text === heading.text && candidate.line >= heading.line)?.line ??
                    heading.line;
                  const at = document.lineAt(Math.min(line, document.lineCount - 1)).range.end;
                  const variables = {
                    title,
                    details,
                    outline: outlineText,
                    section: heading.text,
                    words: String(Math.round(words / headings.length)),
                    previous: document.getText(new vscode.Range(new vscode.Position(0, 0), at)).slice(-1500),
                  };
                  const target = await insertAt(at);
                  target.push('\n\n');
                  // A model that wraps its section in ```markdown would put the fence into the draft.
                  const fence = new WrappingFenceFilter();
                  try {
                    await services.generation.generate(
                      {
                        ...request,
                        messages: buildTaskMessages(builtinTasks.draftSection, { text: args.topic, answerLanguage, variables }),
                      },
                      (delta) => target.push(fence.push(delta)),
                    );
                  } finally {
                    target.push(fence.end());
                  }
                }
                await insertion?.finish();
                return { status: 'done', text: document.getText(), ...(note ? { message: `Inkwell: ${note}` } : {}) };
              } catch (error) {
                await insertion?.finish();
                const written = document.getText();
                // A draft that got no text at all is closed again rather than left as an empty tab.
                if (!written.trim()) await closeTabsOf(document);
                if (insertion?.stoppedBecause)
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
                stopped?.dispose();
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
