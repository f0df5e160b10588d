import * as vscode from 'vscode';

/**
 * A modal question with one button that allows. Dismissing it refuses, and so
 * does a host that cannot show dialogs (VS Code's test host refuses them).
 */
export async function askModal(message: string, detail: string, allow: string): Promise<boolean> {
  try {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, allow)) === allow;
  } catch {
    return false;
  }
}
