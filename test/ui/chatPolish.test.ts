import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { FakeOpenAIServer } from '../support/openaiServer';
import {
  ask,
  chatPanelFrame,
  inChat,
  newChat,
  openChat,
  openNotes,
  runCommand,
  saveScreenshot,
  startChatHost,
  storedConversation,
  waitForIdle,
  type ChatHost,
} from './chatUiKit';

/** The system and user text of the last chat request the server received. */
function lastPrompt(server: FakeOpenAIServer): string {
  const request = [...server.requests].reverse().find((candidate) => candidate.chat);
  return (request?.chat?.messages ?? []).map((message) => String(message.content)).join('\n');
}

/** "Developer: Reload Window", which shuts the workbench down properly (it saves the open editors) and starts it again. */
async function reloadWindow(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}

async function quickPickRows(page: Page): Promise<string[]> {
  return (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

async function transcriptAtBottom(chat: FrameLocator): Promise<{ atBottom: boolean; distance: number }> {
  return chat.locator('.transcript').evaluate((element) => {
    const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
    return { atBottom: distance <= 32, distance };
  });
}

describe('Chat and picker polish, as a writer sees it', function () {
  this.timeout(300_000);
  let server: FakeOpenAIServer;
  let host: ChatHost;
  let page: Page;
  let chat: FrameLocator;
  const longChat = storedConversation('polish-long', 'A long chat to scroll', 40, Date.now() - 60_000);

  before(async () => {
    server = await FakeOpenAIServer.start();
    host = await startChatHost(server, { label: 'ui-chat-polish', seed: [longChat] });
    page = host.page;
    chat = await openChat(page);
  });

  beforeEach(() => server.reset());

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await host?.close();
    await server?.close();
  });

  it('names the persona in the header instead of showing the system prompt', async () => {
    assert.equal(await chat.locator('.chat-header .persona').innerText(), 'Inkwell');
    assert.match((await chat.locator('.chat-header .persona').getAttribute('title')) ?? '', /You are Inkwell, a writing assistant/);
  });

  it('scrolls a wide table in the narrow side bar instead of breaking its words', async () => {
    server.enqueue({
      kind: 'reply',
      text: '| Term | Explanation | Example |\n|---|---|---|\n| Internationalization | Adapting software for languages and regions | Localisation-friendly |\n| Accessibility | Usable by everyone | Screen-reader-compatible |',
    });
    await ask(chat, 'A table, please');
    await waitForIdle(chat);
    const table = chat.locator('.message.assistant').last().locator('table');
    const layout = await table.evaluate((element) => {
      const cell = Array.from(element.querySelectorAll('td')).find((td) => td.textContent === 'Internationalization')!;
      const range = document.createRange();
      range.selectNodeContents(cell);
      return {
        lines: range.getClientRects().length,
        scrolls: element.scrollWidth > element.clientWidth,
        overflowX: getComputedStyle(element).overflowX,
      };
    });
    assert.deepEqual(layout, { lines: 1, scrolls: true, overflowX: 'auto' });
    await saveScreenshot(page, 'chat-wide-table.png');
  });

  it('says in words, also to screen readers, that the selection is attached', async () => {
    chat = await openNotes(page);
    await page.locator('.monaco-editor .view-line', { hasText: 'A first paragraph about the trip.' }).click({ clickCount: 3 });
    const announcement = chat.locator('.attach-announcement');
    await announcement.filter({ hasText: 'Your selection (notes.md:3' }).waitFor();
    assert.match(
      await announcement.innerText(),
      /^Your selection \(notes\.md:3, \d+ characters\) is attached and will be sent with your message\.$/,
    );
    assert.equal(await announcement.getAttribute('aria-live'), 'polite');
    await saveScreenshot(page, 'chat-selection-announced.png');
  });

  it('offers the matching languages first in Translate, and Enter takes the best match, not the typed fragment', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).click();
    await page.locator('.monaco-editor .view-line', { hasText: 'A first paragraph about the trip.' }).click({ clickCount: 3 });
    server.enqueue({ kind: 'reply', text: '旅についての最初の段落。' });
    await runCommand(page, 'Inkwell: Translate…');
    await page.locator('.quick-input-widget', { hasText: 'Translate into' }).waitFor();
    const input = page.locator('.quick-input-widget input');
    await input.fill('Japan');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Another language, as typed' }).waitFor();
    const rows = await quickPickRows(page);
    assert.equal(rows[0], 'Japanese');
    assert.match(rows.at(-1)!, /Another language, as typed\s*Japan$/);
    assert.equal(await page.locator('.quick-input-list .monaco-list-row').first().locator('.highlight').first().innerText(), 'Japan');
    await saveScreenshot(page, 'translate-picker-japan.png');
    await page.keyboard.press('Enter');
    await server.waitForRequests(1, 20_000);
    // The translation is reviewed as tracked changes, the default: rejected from the editor title.
    const rejectAll = page.locator('.editor-actions .action-label[aria-label^="Reject All Changes"]');
    await rejectAll.waitFor();
    assert.match(lastPrompt(server), /into the language named here: «Japanese»\./);
    await rejectAll.click();
    await rejectAll.waitFor({ state: 'detached' });

    await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).click();
    await page.locator('.monaco-editor .view-line', { hasText: 'A first paragraph about the trip.' }).click({ clickCount: 3 });
    server.enqueue({ kind: 'reply', text: '关于旅行的第一段。' });
    await runCommand(page, 'Inkwell: Translate…');
    await page.locator('.quick-input-widget', { hasText: 'Translate into' }).waitFor();
    assert.equal((await quickPickRows(page))[0], 'Japanese', 'the last choice comes first');
    await input.fill('Simplified');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Another language, as typed' }).waitFor();
    assert.equal((await quickPickRows(page))[0], 'Simplified Chinese');
    await page.keyboard.press('Enter');
    await server.waitForRequests(2, 20_000);
    await rejectAll.waitFor();
    assert.match(lastPrompt(server), /into the language named here: «Simplified Chinese»\./);
    assert.doesNotMatch(lastPrompt(server), /«Simplified»/);
    await rejectAll.click();
    await rejectAll.waitFor({ state: 'detached' });
  });

  it('opens the conversation at the latest message after a reload, even if it was scrolled up before', async () => {
    chat = await openChat(page);
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-item', { hasText: 'A long chat to scroll' }).locator('.history-title').click();
    await chat.locator('.message').nth(79).waitFor();
    const transcript = chat.locator('.transcript');
    const box = (await transcript.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -600);
    await page.waitForTimeout(600);
    assert.equal((await transcriptAtBottom(chat)).atBottom, false, 'scrolled up before the reload');
    await reloadWindow(page);
    chat = await openChat(page);
    await chat.locator('.message').nth(79).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    const after = await transcriptAtBottom(chat);
    assert.equal(after.atBottom, true, `${after.distance} px from the end`);
    await saveScreenshot(page, 'chat-after-reload.png');
  });

  it('brings an "Open Chat in Editor" tab back after a reload, with its conversation', async () => {
    server.enqueue({ kind: 'reply', text: 'An answer to keep in a tab.' });
    await newChat(page, chat);
    await ask(chat, 'A question for the editor tab');
    await waitForIdle(chat);
    await runCommand(page, 'Inkwell: Open Chat in Editor');
    let panel = chatPanelFrame(page);
    await panel.locator('.message.user', { hasText: 'A question for the editor tab' }).waitFor({ timeout: 30_000 });
    await reloadWindow(page);
    await page.locator('.tabs-container .tab', { hasText: 'Inkwell Chat' }).waitFor({ timeout: 30_000 });
    panel = chatPanelFrame(page);
    await panel.locator('.message.user', { hasText: 'A question for the editor tab' }).waitFor({ timeout: 30_000 });
    assert.equal(await panel.locator('.message.assistant .message-body').last().innerText(), 'An answer to keep in a tab.');
    assert.equal(
      await inChat(panel, () => document.querySelector('.tab-buttons')?.hasAttribute('hidden')),
      false,
      'the tab shows its own New, History and Export',
    );
    assert.equal(
      await page.locator('.notifications-toasts', { hasText: 'could not be read' }).count(),
      0,
      'an empty chat that was never saved is no damaged file',
    );
    await saveScreenshot(page, 'chat-tab-restored.png');
  });

  it("Choose Provider prefills the base URL, lists the endpoint's models and ends with a lasting success message", async () => {
    await runCommand(page, 'Inkwell: Choose Provider');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Custom OpenAI-compatible endpoint' }).click();
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: 'base URL' }).waitFor();
    assert.equal(await input.inputValue(), server.baseUrl, 'prefilled with the current base URL');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'API key for' }).waitFor();
    await input.fill('sk-local-test');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'gpt-4o-mini' }).waitFor();
    await input.fill('test-m');
    await page.waitForTimeout(300);
    assert.match((await quickPickRows(page))[0], /^test-model/);
    server.enqueue({ kind: 'reply', text: 'ok' });
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts', { hasText: 'Inkwell is ready' });
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /Custom OpenAI-compatible endpoint, model "test-model" answered in \d+ ms/);
    await saveScreenshot(page, 'choose-provider-ready.png');
    assert.equal(
      server.requests.some((request) => request.path === '/v1/models'),
      true,
      'the model list came from the endpoint',
    );
  });
});
