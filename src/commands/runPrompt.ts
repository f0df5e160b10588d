import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { detectLanguage } from '../prompts/language';
import { templateTask, type UserTemplate } from '../prompts/userTemplates';
import { commandArguments, text, type ArgumentsOf } from './commandArguments';
import { runTask, taskRunFields } from './runTask';
import type { CommandResult, InkwellCommand, Services } from './services';
import { loadTemplates, SkippedTemplateFile } from './templateLoader';

/** The template's title alone, or `{ title, input, output }`: `input` answers the template's `{{input}}`. */
const runPromptArguments = commandArguments({ title: text, input: text, output: taskRunFields.output }, ['title']);

/** "Run Prompt…": runs one of the user's own templates on the selection. */
export function runPromptCommand(services: Services): InkwellCommand<ArgumentsOf<typeof runPromptArguments>> {
  return {
    id: 'inkwell.runPrompt',
    args: runPromptArguments,
    async run(given): Promise<CommandResult> {
      const args = given ?? {};
      const { templates, problems } = await loadTemplates();
      for (const problem of problems) {
        services.log.warn(`prompt template: ${problem.message}`);
        void vscode.window.showErrorMessage(`Inkwell: prompt template ${problem.message}`);
      }
      const template = args.title ? templates.find((candidate) => candidate.title === args.title) : await pickTemplate(templates);
      if (!template) {
        if (!args.title) return { status: 'cancelled' };
        const broken = problems.find((problem) => problem.message.includes(`"${args.title}"`));
        // A skipped file's title is unknown, so each skip is named: it may be the one asked for.
        const skipped = problems.filter((problem) => problem instanceof SkippedTemplateFile).map((problem) => problem.message);
        const message = broken
          ? `Inkwell: prompt template ${broken.message}`
          : `Inkwell: there is no prompt template titled "${args.title}".${skipped.length ? ` Skipped: ${skipped.join(' ')}` : ''}`;
        if (!broken) void vscode.window.showErrorMessage(message);
        return { status: 'error', category: 'template', message };
      }
      const variables: Record<string, string> = {};
      if (/\{\{\s*input\s*\}\}/.test(template.body)) {
        const input =
          args.input ??
          (await vscode.window.showInputBox({
            title: `Inkwell: ${template.title}`,
            prompt: 'This prompt asks for your input',
            ignoreFocusOut: true,
          }));
        if (input === undefined) return { status: 'cancelled' };
        variables.input = input;
      }
      const editor = vscode.window.activeTextEditor;
      variables.document = editor?.document.getText() ?? '';
      const setting = readConfig().answerLanguage;
      const selection = editor ? editor.document.getText(editor.selection) : '';
      variables.language =
        setting !== 'auto' && setting !== 'editor'
          ? setting
          : detectLanguage(selection || variables.document) === 'unknown'
            ? 'the language of the text'
            : detectLanguage(selection || variables.document);
      return runTask(services, { task: templateTask(template), variables, progressTitle: `${template.title}…`, output: args.output });
    },
  };
}

async function pickTemplate(templates: UserTemplate[]): Promise<UserTemplate | undefined> {
  if (templates.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      'Inkwell: you have no prompt templates yet. Add them in the inkwell.prompts setting or as Markdown files in .inkwell/prompts/.',
      'Open Settings',
    );
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'inkwell.prompts');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    templates.map((template) => ({ label: template.title, description: template.source, template })),
    { title: 'Inkwell: Run Prompt', placeHolder: 'Choose one of your prompt templates' },
  );
  return picked?.template;
}
