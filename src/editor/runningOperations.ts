import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';

/** One AI operation in flight: cancel it with `controller.abort()`. */
export interface RunningOperation {
  readonly title: string;
  readonly controller: AbortController;
}

/**
 * Knows which AI operations are running, so that one status-bar item, the
 * `inkwell.generating` context key (for the Escape keybinding) and
 * "Inkwell: Cancel" all see the same thing.
 */
export class RunningOperations extends Disposable {
  private readonly running = new Set<RunningOperation>();
  private readonly statusItem: vscode.StatusBarItem;

  constructor() {
    super();
    this.statusItem = this.register(vscode.window.createStatusBarItem('inkwell.generating', vscode.StatusBarAlignment.Left, 1000));
    this.statusItem.name = 'Inkwell: generating';
    this.statusItem.command = 'inkwell.cancel';
  }

  /** Runs `work` as a tracked operation; its signal aborts on cancel. */
  async run<T>(title: string, work: (operation: RunningOperation) => Promise<T>): Promise<T> {
    const operation: RunningOperation = { title, controller: new AbortController() };
    this.running.add(operation);
    this.update();
    try {
      return await work(operation);
    } finally {
      this.running.delete(operation);
      this.update();
    }
  }

  get count(): number {
    return this.running.size;
  }

  /** Cancels every running operation; returns how many there were. */
  cancelAll(): number {
    const count = this.running.size;
    for (const operation of this.running) operation.controller.abort();
    return count;
  }

  override dispose(): void {
    this.cancelAll();
    super.dispose();
  }

  private update(): void {
    const count = this.running.size;
    void vscode.commands.executeCommand('setContext', 'inkwell.generating', count > 0);
    if (count === 0) {
      this.statusItem.hide();
      return;
    }
    const [first] = this.running;
    this.statusItem.text = `$(loading~spin) Inkwell: ${count > 1 ? `${count} tasks` : first.title}`;
    this.statusItem.tooltip = vscode.l10n.t('Click (or press Escape in the editor) to cancel. Text already written is kept.');
    this.statusItem.show();
  }
}
