import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import type { AttachedContext, ChipView } from '../shared/protocol';
import { Disposable } from '../shared/disposable';

/** A chip with the text it will send, captured when it was attached. */
export interface Chip extends ChipView {
  text: string;
}

/** A whole file larger than this is cut, so one click cannot overflow every model's context window. */
const maxFileChars = 200_000;
const excludedSchemes = new Set(['output', 'debug', 'vscode-settings', 'comment']);

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

/** `notes.md:12-30`, 1-based; a selection ending at the start of a line does not count that line. */
export function selectionLabel(uri: vscode.Uri, range: vscode.Range): string {
  const first = range.start.line + 1;
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return `Selection · ${fileName(uri)}:${first === last ? first : `${first}-${last}`}`;
}

/** A whole document as attached context, cut at `maxFileChars` (the label says so); `@inkwell` attaches files this way too. */
export function fileContext(document: vscode.TextDocument): AttachedContext {
  const full = document.getText();
  const text = full.slice(0, maxFileChars);
  const label = `File · ${fileName(document.uri)}${text.length < full.length ? ` (first ${maxFileChars.toLocaleString('en')} characters)` : ''}`;
  return { kind: 'file', label, text };
}

/**
 * The context waiting in the composer. While the editor has a selection, a
 * selection chip follows it; the user can remove it (it stays removed until
 * the selection changes) or add the current file. A sent message takes the
 * chips, and the composer starts empty again.
 */
export class ContextChips extends Disposable {
  private selection: Chip | undefined;
  private selectionKey = '';
  private dismissedKey = '';
  private files: Chip[] = [];
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.window.onDidChangeTextEditorSelection((event) => this.follow(event.textEditor)));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.follow(editor)));
    if (vscode.window.activeTextEditor) this.follow(vscode.window.activeTextEditor, false);
  }

  /** The chips as the webview shows them. */
  views(): ChipView[] {
    return [...(this.selection ? [this.selection] : []), ...this.files].map(({ id, kind, label, chars }) => ({ id, kind, label, chars }));
  }

  remove(id: string): void {
    if (this.selection?.id === id) {
      this.dismissedKey = this.selectionKey;
      this.selection = undefined;
    } else {
      this.files = this.files.filter((chip) => chip.id !== id);
    }
    this.changed.fire();
  }

  /** Attaches the active (or last) editor's whole document; returns a reason when there is none. */
  addFile(editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0]): string | undefined {
    if (!editor || excludedSchemes.has(editor.document.uri.scheme)) return vscode.l10n.t('Open the document to attach first.');
    const { label, text } = fileContext(editor.document);
    this.files = this.files.filter((chip) => chip.label !== label);
    this.files.push({ id: randomUUID(), kind: 'file', label, text, chars: text.length });
    this.changed.fire();
    return undefined;
  }

  /**
   * The context of the chips with these ids, in the order shown; undefined if
   * an id is unknown (the webview showed a chip that is gone).
   */
  resolve(ids: readonly string[]): AttachedContext[] | undefined {
    const all = [...(this.selection ? [this.selection] : []), ...this.files];
    if (ids.some((id) => !all.some((chip) => chip.id === id))) return undefined;
    return all.filter((chip) => ids.includes(chip.id)).map(({ kind, label, text }) => ({ kind, label, text }));
  }

  /** Empties the composer's chips once a message took them; the same selection does not come back. */
  clear(): void {
    if (this.selection) this.dismissedKey = this.selectionKey;
    this.selection = undefined;
    this.files = [];
    this.changed.fire();
  }

  private follow(editor: vscode.TextEditor, notify = true): void {
    const { document, selection } = editor;
    if (excludedSchemes.has(document.uri.scheme)) return;
    if (selection.isEmpty) {
      this.selectionKey = '';
      this.dismissedKey = '';
      if (this.selection) {
        this.selection = undefined;
        if (notify) this.changed.fire();
      }
      return;
    }
    const key = `${document.uri.toString()}#${document.offsetAt(selection.start)}-${document.offsetAt(selection.end)}@${document.version}`;
    if (key === this.selectionKey) return;
    this.selectionKey = key;
    if (key === this.dismissedKey) return;
    const text = document.getText(selection);
    this.selection = { id: randomUUID(), kind: 'selection', label: selectionLabel(document.uri, selection), text, chars: text.length };
    if (notify) this.changed.fire();
  }
}
