import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import type { ScenarioSource } from '../support/openaiServer';
import { FakeOpenAIServer } from '../support/openaiServer';

/** Marks the selection in test documents: `«` starts it, `»` ends it, `‸` alone is the cursor. */
const selectionStart = '«';
const selectionEnd = '»';
const cursor = '‸';

/** The local server shared by a suite, and Inkwell pointed at it through user settings. */
export function useLocalServer(): { readonly server: FakeOpenAIServer } {
  const holder = {} as { server: FakeOpenAIServer };
  before(async () => {
    holder.server = await FakeOpenAIServer.start();
    await setSettings({
      baseUrl: holder.server.baseUrl,
      model: 'test-model',
      temperature: 0.4,
      maxTokens: 777,
      requestTimeoutSeconds: 10,
      maxRetries: 0,
    });
  });
  beforeEach(() => holder.server.reset());
  afterEach(async () => {
    await vscode.commands.executeCommand('inkwell.cancel');
    await closeAllWithoutSaving();
  });
  after(() => holder.server.close());
  return holder;
}

/** Closes every editor, reverting untitled and dirty documents first so no save prompt can block. */
export async function closeAllWithoutSaving(): Promise<void> {
  for (let guard = 0; guard < 50 && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0); guard++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}

/** Writes `inkwell.*` user settings (global target) and waits for them to apply. */
export async function setSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('inkwell');
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** Opens an untitled document whose text may mark a selection with «…» or a cursor with ‸. */
export async function openWithSelection(marked: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const { text, selections } = parseMarked(marked);
  const document = await openUntitled(text, language);
  const editor = await vscode.window.showTextDocument(document);
  if (selections.length) {
    editor.selections = selections.map(([start, end]) => new vscode.Selection(document.positionAt(start), document.positionAt(end)));
  }
  return editor;
}

/**
 * A new untitled document with `text`. VS Code may hand out the name of an
 * untitled document closed a moment ago while the extension host still
 * holds that one, and then returns the old document: such a stale answer is
 * refused and the request repeated.
 */
export async function openUntitled(text: string, language = 'markdown'): Promise<vscode.TextDocument> {
  for (let attempt = 0; ; attempt++) {
    const document = await vscode.workspace.openTextDocument({ language, content: text });
    if (document.getText() === text || attempt === 10) return document;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function parseMarked(marked: string): { text: string; selections: Array<[number, number]> } {
  let text = '';
  const selections: Array<[number, number]> = [];
  let open: number | undefined;
  for (const char of marked) {
    if (char === selectionStart) open = text.length;
    else if (char === selectionEnd) {
      selections.push([open!, text.length]);
      open = undefined;
    } else if (char === cursor) selections.push([text.length, text.length]);
    else text += char;
  }
  return { text, selections };
}

/**
 * One writing command, as one line of intent: the document with its
 * selection, what the model answers, and the document expected afterwards.
 */
export async function testCommand(
  server: FakeOpenAIServer,
  command: string,
  before: string,
  reply: ScenarioSource,
  after: string,
  args?: unknown,
): Promise<{ editor: vscode.TextEditor; result: CommandResult }> {
  const editor = await openWithSelection(before);
  server.enqueue(reply);
  const result = await vscode.commands.executeCommand<CommandResult>(command, ...(args === undefined ? [] : [args]));
  if (result?.reviewId !== undefined) {
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
  }
  assert.strictEqual(editor.document.getText(), after);
  return { editor, result };
}

/** The user message of the last chat request the server received. */
export function lastUserMessage(server: FakeOpenAIServer): string {
  const messages = server.requests.filter((request) => request.chat).at(-1)?.chat?.messages ?? [];
  return String(messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');
}

export function lastSystemMessage(server: FakeOpenAIServer): string {
  const messages = server.requests.filter((request) => request.chat).at(-1)?.chat?.messages ?? [];
  return String(messages.find((message) => message.role === 'system')?.content ?? '');
}

/** Resolves once `predicate` holds, polling; fails the test after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Echoes back the text Inkwell framed for the model, as a model that changes nothing would. */
export function echoFramedText(request: { body: unknown }): { kind: 'reply'; text: string } {
  const messages = (request.body as { messages: Array<{ content: string }> }).messages;
  const user = messages.at(-1)!.content;
  const match = user.match(/<inkwell-text-(\w+)>\n([\s\S]*)\n<\/inkwell-text-\1>$/);
  return { kind: 'reply', text: match ? match[2] : '' };
}

/**
 * Gives the suite's workspace a `.vscode/settings.json` holding `values`
 * before its tests, and removes it after; `loaded(shown)` tells from a
 * setting's workspace value that VS Code has read (`shown` true) or dropped
 * the file. A run without a folder skips the suite.
 */
export function useWorkspaceSettings(values: Record<string, unknown>, loaded: (shown: boolean) => boolean): void {
  let settingsFile: string | undefined;
  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip();
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(values));
    await waitFor(() => loaded(true), 'the workspace settings to load', 10_000);
  });
  after(async () => {
    if (!settingsFile) return;
    fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    await waitFor(() => loaded(false), 'the workspace settings to go', 10_000);
  });
}
