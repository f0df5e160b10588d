import * as vscode from 'vscode';
import { fileContext, selectionLabel } from '../chat/contextChips';
import type { AttachedContext } from '../shared/protocol';

/** References VS Code attaches by itself (the open file, the visible lines) rather than ones the user chose with `#`. */
function isImplicit(reference: vscode.ChatPromptReference): boolean {
  return reference.id.startsWith('vscode.implicit');
}

async function referenceContext(reference: vscode.ChatPromptReference): Promise<AttachedContext | undefined> {
  const { value } = reference;
  if (typeof value === 'string') return value.trim() ? { kind: 'selection', label: 'Attached text', text: value } : undefined;
  if (value instanceof vscode.Location) {
    const document = await vscode.workspace.openTextDocument(value.uri);
    const text = document.getText(value.range);
    return text.trim() ? { kind: 'selection', label: selectionLabel(value.uri, value.range), text } : undefined;
  }
  if (value instanceof vscode.Uri) {
    const attached = fileContext(await vscode.workspace.openTextDocument(value));
    return attached.text.trim() ? attached : undefined;
  }
  return undefined;
}

/**
 * The text a request works on: the files and selections the user attached
 * with `#`, else the selection in the active editor. What VS Code attaches
 * by itself (the whole open file) is not taken: a summary of the selection
 * must not become a summary of the file.
 */
export async function requestContext(references: readonly vscode.ChatPromptReference[]): Promise<AttachedContext[]> {
  const chosen = references.filter((reference) => !isImplicit(reference));
  if (chosen.length) {
    const read = await Promise.all(chosen.map((reference) => referenceContext(reference).then(undefined, () => undefined)));
    return read.filter((context): context is AttachedContext => context !== undefined);
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return [];
  const text = editor.document.getText(editor.selection);
  return text.trim() ? [{ kind: 'selection', label: selectionLabel(editor.document.uri, editor.selection), text }] : [];
}

/** An earlier answer's text as the chat view shows it: its Markdown parts, in order. */
export function responseText(turn: vscode.ChatResponseTurn): string {
  return turn.response
    .map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : ''))
    .join('')
    .trim();
}
