import * as vscode from 'vscode';
import type { CommandResult, InkwellCommand, Services } from './services';

/**
 * "Inkwell: Open Sample Document": a new untitled Markdown document with a
 * paragraph to try the writing commands on, that paragraph selected. Used by
 * the walkthrough; untitled, so nothing is written anywhere until the user
 * saves it.
 */
export function openSampleCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.openSample',
    async run(): Promise<CommandResult & { document?: vscode.TextDocument }> {
      const file = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'walkthrough', 'sample.md');
      const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // The first paragraph after the heading: what the walkthrough asks the user to summarize.
      const line = Array.from({ length: document.lineCount }, (_, index) => document.lineAt(index)).find(
        (candidate) => candidate.lineNumber > 0 && candidate.text.trim(),
      );
      if (line) {
        editor.selection = new vscode.Selection(line.range.start, line.range.end);
        editor.revealRange(line.range);
      }
      return { status: 'done', document };
    },
  };
}
