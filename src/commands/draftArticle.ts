import * as vscode from 'vscode';
import { readConfig } from '../config';
import { closeTabsOf } from '../editor/documentTabs';
import { StreamingInsertion } from '../editor/streamingInsertion';
import { GenerationError } from '../generation/errors';
import { WrappingFenceFilter } from '../prompts/answerCleanup';
import { builtinTasks, buildTaskMessages } from '../prompts/tasks';
import { resolveAnswerLanguage } from './answerLanguage';
import { reportFailure } from './errorReporting';
import type { CommandResult, InkwellCommand, Services } from './services';

/** Arguments of `inkwell.draftArticle`; each replaces a question. */
export interface DraftArgs {
  topic: string;
  audience?: string;
  /** Approximate words for the whole article. */
  words?: number;
  /** Section headings to follow instead of asking the model for an outline. */
  outline?: string[];
}

const lengths = [
  { label: 'Short', description: 'about 500 words', words: 500 },
  { label: 'Medium', description: 'about 1,000 words', words: 1000 },
  { label: 'Long', description: 'about 2,000 words', words: 2000 },
];

/** Reads the outline the model wrote: a `# ` title and `## ` sections (numbered or bulleted lines also count). */
export function parseOutline(text: string, topic: string): { title: string; sections: string[] } {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const title = lines.find((line) => /^#\s/.test(line))?.replace(/^#\s+/, '') ?? topic;
  const sections = lines.filter((line) => /^(##\s|\d+[.)]\s|[-*]\s)/.test(line)).map((line) => line.replace(/^(##\s+|\d+[.)]\s+|[-*]\s+)/, '').trim());
  return { title, sections: sections.length ? sections : ['Introduction', 'Main points', 'Conclusion'] };
}

/**
 * "Draft Article": an outline first, then each section streaming into a new
 * Markdown document, so a long draft shows progress and a cancel keeps every
 * section written so far.
 */
export function draftArticleCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.draftArticle',
    async run(arg?: unknown): Promise<CommandResult> {
      const args = typeof arg === 'string' ? { topic: arg } : ((arg as DraftArgs | undefined) ?? (await askDraftArgs()));
      if (!args?.topic?.trim()) return { status: 'cancelled' };
      const config = readConfig();
      const answerLanguage = resolveAnswerLanguage(config.answerLanguage);
      const words = args.words ?? 1000;
      const details = args.audience ? `The readers are ${args.audience}.` : '';
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(document, { preview: false });
      const insertion = new StreamingInsertion(document, new vscode.Position(0, 0));
      let written = '';
      const write = (text: string) => {
        if (!text) return;
        written += text;
        insertion.push(text);
      };
      return services.operations.run('Draft Article', (operation) =>
        Promise.resolve(
          vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Inkwell: drafting…', cancellable: true }, async (progress, token): Promise<CommandResult> => {
            token.onCancellationRequested(() => operation.controller.abort());
            const stopped = insertion.onDidStop(() => operation.controller.abort());
            const request = { temperature: builtinTasks.draftArticle.temperature, maxOutputTokens: config.maxTokens, signal: operation.controller.signal };
            try {
              let plan: { title: string; sections: string[] };
              if (args.outline?.length) {
                plan = { title: args.topic, sections: args.outline };
              } else {
                progress.report({ message: 'outline' });
                const outline = await services.generation.generate({ ...request, messages: buildTaskMessages(builtinTasks.draftArticle, { text: args.topic, answerLanguage, variables: { details } }) });
                plan = parseOutline(outline.text, args.topic);
              }
              write(`# ${plan.title}\n`);
              const outlineText = plan.sections.map((section) => `- ${section}`).join('\n');
              for (const [index, section] of plan.sections.entries()) {
                progress.report({ message: `section ${index + 1} of ${plan.sections.length}: ${section}` });
                write(`\n## ${section}\n\n`);
                const variables = { title: plan.title, details, outline: outlineText, section, words: String(Math.round(words / plan.sections.length)), previous: written.slice(-1500) };
                // A model that wraps its section in ```markdown would put the fence into the draft.
                const fence = new WrappingFenceFilter();
                try {
                  await services.generation.generate({ ...request, messages: buildTaskMessages(builtinTasks.draftSection, { text: args.topic, answerLanguage, variables }) }, (delta) => write(fence.push(delta)));
                } finally {
                  write(fence.end());
                }
                if (!written.endsWith('\n')) write('\n');
              }
              await insertion.finish();
              return { status: 'done', text: written };
            } catch (error) {
              await insertion.finish();
              // A draft that got no text at all is closed again rather than left as an empty tab.
              if (!written.trim()) await closeTabsOf(document);
              if (insertion.stoppedBecause) return { status: 'stopped', message: 'Inkwell: drafting stopped because the draft was edited or closed. What was written is kept.', text: written };
              return reportFailure(services, error instanceof Error ? error : new GenerationError('badResponse', String(error)), written ? 'The sections written so far are kept in the draft.' : undefined);
            } finally {
              stopped.dispose();
            }
          }),
        ),
      );
    },
  };
}

async function askDraftArgs(): Promise<DraftArgs | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).slice(0, 500) : '';
  const topic = await vscode.window.showInputBox({ title: 'Inkwell: Draft Article (1/3)', prompt: 'What is the article about?', value: selected, ignoreFocusOut: true });
  if (!topic?.trim()) return undefined;
  const audience = await vscode.window.showInputBox({ title: 'Inkwell: Draft Article (2/3)', prompt: 'Who is it for? (optional, e.g. "engineers new to Rust")', ignoreFocusOut: true });
  if (audience === undefined) return undefined;
  const length = await vscode.window.showQuickPick(lengths, { title: 'Inkwell: Draft Article (3/3)', placeHolder: 'How long?', ignoreFocusOut: true });
  if (!length) return undefined;
  return { topic, audience: audience || undefined, words: length.words };
}
