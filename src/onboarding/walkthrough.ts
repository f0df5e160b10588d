import * as vscode from 'vscode';

/** The walkthrough's id in package.json's `contributes.walkthroughs`. */
export const walkthroughStepsId = 'gettingStarted';
const shownKey = 'inkwell.walkthrough.shown';

/**
 * Opens "Get Started with Inkwell" the first time Inkwell runs, once:
 * remembered in global state, so reloads and updates do not show it again.
 * VS Code's own `workbench.welcomePage.walkthroughs.openOnInstall` turns it
 * off (a machine setting: with a remote or server window, the remote
 * machine's value counts). Test runs drive their own editors, so it never
 * opens in one.
 */
export async function openWalkthroughOnFirstRun(context: vscode.ExtensionContext): Promise<boolean> {
  if (context.extensionMode === vscode.ExtensionMode.Test || context.globalState.get<boolean>(shownKey)) return false;
  if (!vscode.workspace.getConfiguration('workbench').get<boolean>('welcomePage.walkthroughs.openOnInstall', true)) return false;
  await context.globalState.update(shownKey, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${walkthroughStepsId}`, false);
  return true;
}
