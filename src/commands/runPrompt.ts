import * as vscode from 'vscode';
import { readConfig } from '../config';
import { detectLanguage } from '../prompts/language';
import { templateTask, TemplateError, parseTemplateFile, validateTemplate, type UserTemplate } from '../prompts/userTemplates';
import { runTask } from './runTask';
import type { CommandResult, InkwellCommand, Services } from './services';
import { outputArg } from './simpleTaskCommands';

/** Arguments of `inkwell.runPrompt`: the template's title (or the title alone), and the answer for `{{input}}`. */
export interface RunPromptArgs {
  title: string;
  input?: string;
}

/**
 * The user's templates: `inkwell.prompts`, then `.inkwell/prompts/*.md` in
 * each workspace folder. Workspace files are skipped in Restricted Mode: an
 * untrusted repository must not put words in the user's requests.
 */
export async function loadTemplates(): Promise<{ templates: UserTemplate[]; problems: TemplateError[] }> {
  const templates: UserTemplate[] = [];
  const problems: TemplateError[] = [];
  for (const [index, entry] of readConfig().prompts.entries()) {
    try {
      templates.push(validateTemplate({ title: entry.title, body: entry.prompt, output: entry.output, source: `inkwell.prompts[${index}]` }));
    } catch (error) {
      problems.push(error as TemplateError);
    }
  }
  if (!vscode.workspace.isTrusted) return { templates, problems };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const directory = vscode.Uri.joinPath(folder.uri, '.inkwell', 'prompts');
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(directory);
    } catch {
      continue;
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      if (type !== vscode.FileType.File || !name.toLowerCase().endsWith('.md')) continue;
      const file = vscode.Uri.joinPath(directory, name);
      try {
        const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        templates.push(parseTemplateFile(vscode.workspace.asRelativePath(file), content));
      } catch (error) {
        problems.push(error instanceof TemplateError ? error : new TemplateError(vscode.workspace.asRelativePath(file), String(error)));
      }
    }
  }
  return { templates, problems };
}

/** "Run Prompt…": runs one of the user's own templates on the selection. */
export function runPromptCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.runPrompt',
    async run(arg?: unknown): Promise<CommandResult> {
      const args: Partial<RunPromptArgs> = typeof arg === 'string' ? { title: arg } : ((arg as RunPromptArgs | undefined) ?? {});
      const { templates, problems } = await loadTemplates();
      for (const problem of problems) {
        services.log.warn(`prompt template: ${problem.message}`);
        void vscode.window.showErrorMessage(`Inkwell: prompt template ${problem.message}`);
      }
      const template = args.title ? templates.find((candidate) => candidate.title === args.title) : await pickTemplate(templates);
      if (!template) {
        if (!args.title) return { status: 'cancelled' };
        const broken = problems.find((problem) => problem.message.includes(`"${args.title}"`));
        const message = broken ? `Inkwell: prompt template ${broken.message}` : `Inkwell: there is no prompt template titled "${args.title}".`;
        if (!broken) void vscode.window.showErrorMessage(message);
        return { status: 'error', category: 'template', message };
      }
      const variables: Record<string, string> = {};
      if (/\{\{\s*input\s*\}\}/.test(template.body)) {
        const input = args.input ?? (await vscode.window.showInputBox({ title: `Inkwell: ${template.title}`, prompt: 'This prompt asks for your input', ignoreFocusOut: true }));
        if (input === undefined) return { status: 'cancelled' };
        variables.input = input;
      }
      const editor = vscode.window.activeTextEditor;
      variables.document = editor?.document.getText() ?? '';
      const setting = readConfig().answerLanguage;
      const selection = editor ? editor.document.getText(editor.selection) : '';
      variables.language = setting !== 'auto' && setting !== 'editor' ? setting : detectLanguage(selection || variables.document) === 'unknown' ? 'the language of the text' : detectLanguage(selection || variables.document);
      return runTask(services, { task: templateTask(template), variables, progressTitle: `${template.title}…`, output: outputArg(arg) });
    },
  };
}

async function pickTemplate(templates: UserTemplate[]): Promise<UserTemplate | undefined> {
  if (templates.length === 0) {
    const choice = await vscode.window.showInformationMessage('Inkwell: you have no prompt templates yet. Add them in the inkwell.prompts setting or as Markdown files in .inkwell/prompts/.', 'Open Settings');
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'inkwell.prompts');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    templates.map((template) => ({ label: template.title, description: template.source, template })),
    { title: 'Inkwell: Run Prompt', placeHolder: 'Choose one of your prompt templates' },
  );
  return picked?.template;
}
