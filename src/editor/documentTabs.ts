import * as vscode from 'vscode';

/** True when a tab shows the document, alone or as the editable side of a diff. */
export function showsDocument(tab: vscode.Tab, uri: vscode.Uri): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri.toString() === uri.toString();
  if (input instanceof vscode.TabInputTextDiff) return input.modified.toString() === uri.toString();
  return false;
}

/** True while any tab in any group shows the document. */
export function isShownInTab(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => showsDocument(tab, uri)));
}

/** Closes the tabs that show a document on its own (e.g. a new document that never got text). */
export async function closeTabsOf(document: vscode.TextDocument): Promise<void> {
  const uri = document.uri.toString();
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
