import * as vscode from 'vscode';

/**
 * Whether a command's caller vouched for the call with `{ confirmed: true }`.
 * Commands that change where text goes or which key is used can be run by
 * any extension; without it they ask first.
 */
export function isConfirmed(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { confirmed?: unknown }).confirmed === true;
}

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
