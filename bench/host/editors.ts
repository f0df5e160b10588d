import * as vscode from 'vscode';

/** Opens an untitled markdown document holding `content` in the active editor group. */
export async function openDocument(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Lets the work an opened document or a new selection sets off (the
 * markdown extension's symbols, folding, links) finish before a measurement
 * starts, as it has by the time a person runs a command.
 */
export function settle(ms = 300): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Closes every editor, reverting first so that no save prompt can block. */
export async function closeAllEditors(): Promise<void> {
  for (let guard = 0; guard < 50 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); guard++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}
