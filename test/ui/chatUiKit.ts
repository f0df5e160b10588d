import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import type { StoredConversation } from '../../src/chat/conversationStore';
// Brings in the type of `window.inkwellDiagnostics`, which the tests read inside the webview.
import type {} from '../../src/webview/diagnostics';
import { repoRoot } from '../support/installVsCodeServer';
import { FakeOpenAIServer } from '../support/openaiServer';
import { startVsCodeHost, type VsCodeHost } from '../support/vscodeHost';
export { recordFigure } from '../unit/kit/recording';

/** Where screenshots go (git-ignored). */
export const screenshotDir = path.join(repoRoot, 'test', 'ui', 'screenshots');

/** A VS Code host with Inkwell pointed at the local server, and a workspace holding `notes.md`. */
export interface ChatHost {
  host: VsCodeHost;
  page: Page;
  workspace: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The folder where the extension keeps conversations, inside a server data dir. */
export function conversationsDir(dataDir: string): string {
  return path.join(dataDir, 'data', 'User', 'globalStorage', 'inkwell-writing.inkwell', 'conversations');
}

/** Writes conversations into the store before VS Code starts, as a previous session would have. */
export function seedConversations(dataDir: string, conversations: StoredConversation[]): void {
  const dir = conversationsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  for (const conversation of conversations) fs.writeFileSync(path.join(dir, `${conversation.id}.json`), JSON.stringify(conversation));
}

/** How {@link startChatHost} sets the host up. */
export interface ChatHostOptions {
  label: string;
  colorTheme?: string;
  seed?: StoredConversation[];
  onConsole?: (text: string, type: string) => void;
  /** Leave Inkwell as a newcomer finds it: no provider, base URL or model in the settings. */
  nothingConfigured?: boolean;
  /** Let the walkthrough open on first start, as VS Code's default does; off otherwise so it does not cover the editor. */
  walkthrough?: boolean;
  /** Extra environment for the server's extension host. */
  env?: Record<string, string>;
  /** More user settings, e.g. `{ 'inkwell.review.style': 'inline' }`. */
  settings?: Record<string, unknown>;
  /** Run Inkwell installed from this VSIX instead of from the repository. */
  installExtension?: string;
  /** Extension folders loaded beside Inkwell, e.g. the test language model. */
  extensionFolders?: string[];
  /** The workbench's display language, e.g. `'zh-cn'`; default English. */
  displayLanguage?: string;
}

export async function startChatHost(server: FakeOpenAIServer, options: ChatHostOptions): Promise<ChatHost> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-ui-ws-'));
  fs.writeFileSync(path.join(workspace, 'notes.md'), '# Notes\n\nA first paragraph about the trip.\n\nThe end.\n');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-ui-data-'));
  if (options.seed) seedConversations(dataDir, options.seed);
  // The extension host on a server reads machine-scoped settings, such as this one, from the server's Machine settings, not the User settings.
  fs.mkdirSync(path.join(dataDir, 'data', 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'data', 'Machine', 'settings.json'),
    JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': options.walkthrough === true }),
  );
  const host = await startVsCodeHost({
    label: options.label,
    workspaceFolder: workspace,
    serverDataDir: dataDir,
    colorTheme: options.colorTheme ?? 'Default Light Modern',
    userSettings: {
      ...(options.nothingConfigured ? {} : { 'inkwell.baseUrl': server.baseUrl, 'inkwell.model': 'test-model' }),
      'inkwell.maxRetries': 0,
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': options.walkthrough === true,
      ...options.settings,
    },
    env: options.env,
    installExtension: options.installExtension,
    extensionFolders: options.extensionFolders,
    displayLanguage: options.displayLanguage,
    onConsoleMessage: options.onConsole,
  });
  return {
    host,
    page: host.page,
    workspace,
    dataDir,
    async close() {
      await host.close();
      fs.rmSync(workspace, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a command from the command palette by its title. Right after startup
 * the palette may not list the extension's commands yet, so it retries.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  // Only a visible row: an earlier quick pick's list can linger hidden in the page.
  const row = page
    .locator('.quick-input-list .monaco-list-row:visible')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 3000 });
      await input.fill(`>${title}`);
      await row.click({ timeout: 5000 });
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (attempt === 6) throw error;
    }
  }
}

/** Selects all of the active editor's text and runs a command on it from the palette, with no notification left from before. */
export async function runOnWholeText(page: Page, title: string): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await runCommand(page, title);
}

/** Inkwell's webview frames; VS Code's own (a walkthrough's media) name no extension. */
const inkwellWebview = 'iframe.webview.ready[src*="extensionId=inkwell-writing.inkwell"]';

/** The side-panel chat page inside its two webview iframes (not a walkthrough's media, not an editor tab, whose frames VS Code ties to their editor). */
export function chatFrame(page: Page): FrameLocator {
  // A view hidden and shown again gets a new frame; the old one may linger, hidden, for a moment.
  return page
    .locator(`div:not([data-parent-flow-to-element-id]) > ${inkwellWebview}`)
    .filter({ visible: true })
    .first()
    .contentFrame()
    .frameLocator('#active-frame');
}

/** The chat page of an "Open Chat in Editor" tab. */
export function chatPanelFrame(page: Page): FrameLocator {
  return page
    .locator(`div[data-parent-flow-to-element-id^="webview-editor-element"] > ${inkwellWebview}`)
    .filter({ visible: true })
    .first()
    .contentFrame()
    .frameLocator('#active-frame');
}

/** Opens the side-panel chat and waits until it has drawn itself (with `model` in the header; `null`: the setup welcome instead). */
export async function openChat(page: Page, model: string | null = 'test-model'): Promise<FrameLocator> {
  await runCommand(page, 'Inkwell: Open Chat');
  return chatShown(page, model);
}

/** Waits until the chat page has loaded and drawn its header. */
export async function chatShown(page: Page, model: string | null = 'test-model'): Promise<FrameLocator> {
  const chat = chatFrame(page);
  await chat.locator('.composer-input').waitFor({ state: 'visible', timeout: 30_000 });
  if (model === null) await chat.locator('.setup-welcome').waitFor();
  else await chat.locator('.chat-header .model-button', { hasText: model }).waitFor();
  return chat;
}

/**
 * Switches the colour theme as a person does ("Preferences: Color Theme"),
 * from the status bar so no webview holds the focus the picker needs.
 */
export async function switchTheme(page: Page, theme: string): Promise<void> {
  const statusBar = page.locator('.part.statusbar');
  const box = await statusBar.boundingBox();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input[placeholder*="Color Theme"]');
  await input.waitFor({ state: 'visible' });
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
  await page.keyboard.press('Enter');
  const workbenchClass = theme.includes('High Contrast')
    ? theme.includes('Light')
      ? 'hc-light'
      : 'hc-black'
    : theme.includes('Dark')
      ? 'vs-dark'
      : 'vs';
  await page.waitForFunction((name) => document.querySelector('.monaco-workbench')?.classList.contains(name) ?? false, workbenchClass, {
    timeout: 20_000,
  });
  // The webviews pick the theme up a moment later.
  await page.waitForTimeout(800);
}

/** "Inkwell: New Chat", and wait until the transcript is empty (it does nothing when it is already). */
export async function newChat(page: Page, chat: FrameLocator): Promise<void> {
  await runCommand(page, 'Inkwell: New Chat');
  await chat.locator('.message').first().waitFor({ state: 'detached' });
  await chat.locator('.conversation-title', { hasText: 'New chat' }).waitFor();
}

/** Types a message in the composer and presses Enter. */
export async function ask(chat: FrameLocator, text: string): Promise<void> {
  const input = chat.locator('.composer-input');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits until no answer is streaming (the Send button is back). */
export async function waitForIdle(chat: FrameLocator, timeout = 30_000): Promise<void> {
  await chat.locator('.send-button:not(.stop)').waitFor({ timeout });
  await chat.locator('.message.streaming').waitFor({ state: 'detached', timeout });
}

/**
 * Opens `notes.md` from the Explorer (Quick Open needs ripgrep, which this
 * machine lacks), puts the cursor at its end, and shows the chat again: the
 * chat view reloads from its saved state, as it does whenever it is hidden.
 */
export async function openNotes(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'View: Show Explorer');
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes.md' }).first().click();
  await page.locator('.monaco-editor .view-lines', { hasText: 'The end.' }).waitFor();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  return openChat(page);
}

/** The text the active editor shows (Monaco renders spaces as no-break spaces). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-group-container.active .monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** Evaluates in the chat page, e.g. to read `window.inkwellDiagnostics`. */
export function inChat<T>(chat: FrameLocator, fn: () => T): Promise<T> {
  return chat.locator('body').evaluate(fn);
}

/** A conversation as the store writes it, for seeding. */
export function storedConversation(id: string, title: string, turns: number, updatedAt: number): StoredConversation {
  const messages: StoredConversation['messages'] = [];
  for (let i = 0; i < turns; i++) {
    messages.push({
      id: `${id}-q${i}`,
      role: 'user',
      text: `Question ${i} about ${title}?`,
      status: 'complete',
      createdAt: updatedAt - (turns - i) * 1000,
    });
    messages.push({
      id: `${id}-a${i}`,
      role: 'assistant',
      text: `Answer ${i}: some **markdown** with a list.\n\n- first point\n- second point\n\n\`\`\`js\nconsole.log(${i});\n\`\`\``,
      status: 'complete',
      createdAt: updatedAt - (turns - i) * 1000 + 500,
    });
  }
  return { version: 1, id, title, createdAt: updatedAt - turns * 1000, updatedAt, messages };
}

export function saveScreenshot(page: Page, name: string): Promise<Buffer> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  return page.screenshot({ path: path.join(screenshotDir, name) });
}

/**
 * A suite's local server and chat host, started once with the chat open; a
 * failed test leaves a screenshot named after it.
 */
export function useChatHost(options: ChatHostOptions): {
  readonly server: FakeOpenAIServer;
  readonly host: ChatHost;
  readonly chat: FrameLocator;
} {
  const holder = {} as { server: FakeOpenAIServer; host: ChatHost; chat: FrameLocator };
  before(async () => {
    holder.server = await FakeOpenAIServer.start();
    holder.host = await startChatHost(holder.server, options);
    holder.chat = await openChat(holder.host.page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(holder.host.page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });
  after(async () => {
    await holder.host?.close();
    await holder.server?.close();
  });
  return holder;
}
