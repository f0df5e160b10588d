import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { FakeOpenAIServer } from '../support/openaiServer';
import { pathologicalAnswers } from '../support/pathologicalAnswers';
import { streamedAnswers } from '../support/streamedAnswers';
import { withoutFrameCodes } from '../support/promptFrames';
import {
  ask,
  chatShown,
  editorText,
  inChat,
  newChat,
  openChat,
  openNotes,
  recordFigure,
  runCommand,
  saveScreenshot,
  startChatHost,
  switchTheme,
  storedConversation,
  waitForIdle,
  type ChatHost,
} from './chatUiKit';

/** A 64 KB answer with the kinds of blocks a writing assistant produces. */
function longAnswer(bytes = 64 * 1024): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = [
      `## Section ${i}`,
      `A paragraph of prose for section ${i}, long enough to wrap over a few lines in a narrow side panel, with **bold**, _italic_ and \`code\`.`,
      `- point one of ${i}\n- point two of ${i}\n- point three`,
      `| Term | Meaning |\n|---|---|\n| ${i} | a row |\n| more | rows |`,
      '```ts\n' + `export function section${i}(input: string): string {\n  return input.trim();\n}\n` + '```',
    ][i % 5];
    parts.push(block);
    size += block.length + 2;
  }
  return parts.join('\n\n');
}

function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
  return chunks;
}

interface RenderFigures {
  updates: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  lastQuarterMeanMs: number;
}

async function renderFigures(chat: FrameLocator): Promise<RenderFigures> {
  const samples = await inChat(chat, () => window.inkwellDiagnostics!.renderStats.samples.map((sample) => sample.ms));
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const round = (value: number): number => Math.round(value * 100) / 100;
  return {
    updates: samples.length,
    meanMs: round(mean(samples)),
    p95Ms: round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
    maxMs: round(sorted.at(-1) ?? 0),
    lastQuarterMeanMs: round(mean(samples.slice(Math.floor(samples.length * 0.75)))),
  };
}

async function lastAnswer(chat: FrameLocator): Promise<string> {
  return chat.locator('.message.assistant').last().locator('.message-body').innerText();
}

/** Switches the colour theme the way a person does: "Preferences: Color Theme", then the theme's name. */
async function setTheme(page: Page, theme: string): Promise<void> {
  // From the editor (its tab, so the selection stays): a quick pick opened while the webview has focus can lose it at once.
  await page.locator('.tabs-container .tab', { hasText: 'notes.md' }).click();
  await switchTheme(page, theme);
}

async function waitForThemeClass(page: Page, chat: FrameLocator, bodyClass: string): Promise<void> {
  await chat.locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(500);
}

describe('The side-panel chat, as a person uses it in VS Code', function () {
  this.timeout(240_000);
  let server: FakeOpenAIServer;
  let host: ChatHost;
  let page: Page;
  let chat: FrameLocator;
  const now = Date.now();
  const longConversation = storedConversation('long-conversation', 'A long conversation', 100, now - 3_600_000);

  before(async () => {
    server = await FakeOpenAIServer.start();
    // 500 earlier chats, and one with 200 messages for the render measurement.
    const seed = [
      longConversation,
      ...Array.from({ length: 500 }, (_, i) => storedConversation(`seeded-${i}`, `Seeded chat ${i}`, 1, now - 7_200_000 - i * 60_000)),
    ];
    host = await startChatHost(server, { label: 'ui-chat', seed });
    page = host.page;
    await runCommand(page, 'Inkwell: Open Chat');
    const started = Date.now();
    chat = await chatShown(page);
    const inPage = await inChat(chat, () => window.inkwellDiagnostics!.startup);
    recordFigure('ui: open the chat view with 500 stored conversations', {
      commandToComposerMs: Date.now() - started,
      pageStartToScriptMs: Math.round(inPage.scriptMs),
      pageStartToConversationShownMs: Math.round(inPage.initShownMs ?? -1),
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await saveScreenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`);
  });

  after(async () => {
    await host?.close();
    await server?.close();
  });

  it('answers a question with a streamed answer rendered as markdown', async () => {
    server.enqueue({
      kind: 'reply',
      text: '# Plan\n\nStart with **a hook**.\n\n| Part | Words |\n|---|---|\n| Intro | 100 |\n\n```js\nconst words = 100;\n```\n\n- one\n- two',
      tokensPerSecond: 60,
    });
    const input = chat.locator('.composer-input');
    await input.click();
    await page.keyboard.type('How do I start');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('an essay?');
    await page.keyboard.press('Enter');
    // Rendered as markdown while it still streams.
    await chat.locator('.message.assistant.streaming h1', { hasText: 'Plan' }).waitFor();
    await waitForIdle(chat);
    const answer = chat.locator('.message.assistant').last();
    assert.equal(await answer.locator('h1').innerText(), 'Plan');
    assert.equal(await answer.locator('strong').innerText(), 'a hook');
    assert.equal(await answer.locator('table td').first().innerText(), 'Intro');
    assert.equal(await answer.locator('li').count(), 2);
    const code = answer.locator('.code-block');
    assert.equal(await code.locator('.code-lang').innerText(), 'js');
    assert.ok((await code.locator('code .hljs-keyword').count()) > 0, 'the code is highlighted');
    assert.equal(await code.locator('button[data-action="copy"]').count(), 1, 'the code block has a copy button');
    assert.match(await answer.locator('.usage').innerText(), /\d+ → \d+ tokens/);
    assert.equal(
      await chat.locator('.message.user .user-text').last().innerText(),
      'How do I start\nan essay?',
      'Shift+Enter is a new line, Enter sends',
    );
  });

  it('stops mid-stream: the server sees the disconnect and the partial answer stays, marked stopped', async () => {
    server.enqueue({ kind: 'reply', text: 'Slowly arriving words. '.repeat(200), tokensPerSecond: 30 });
    await ask(chat, 'Write me a long story');
    await chat.locator('.message.assistant.streaming .message-body', { hasText: 'Slowly arriving' }).waitFor();
    await page.waitForTimeout(800);
    await chat.locator('.send-button.stop').click();
    const disconnected = await server.waitForDisconnect(10_000);
    assert.equal(disconnected.clientClosedEarly, true);
    await waitForIdle(chat);
    const answer = chat.locator('.message.assistant').last();
    assert.equal(await answer.locator('.badge-stopped').innerText(), 'Stopped');
    const text = await answer.locator('.message-body').innerText();
    assert.ok(text.startsWith('Slowly arriving words.'), text.slice(0, 50));
    assert.ok(text.length < 'Slowly arriving words. '.repeat(200).length);
  });

  it('regenerates the last answer from the same question', async () => {
    server.enqueue({ kind: 'reply', text: 'First version.' });
    await ask(chat, 'Give me a title');
    await waitForIdle(chat);
    const count = await chat.locator('.message').count();
    server.enqueue({ kind: 'reply', text: 'Second version.' });
    await chat.locator('.message.last-answer .regenerate-button').click();
    await chat.locator('.message.assistant.last-answer .message-body', { hasText: 'Second version.' }).waitFor();
    await waitForIdle(chat);
    assert.equal(await chat.locator('.message').count(), count);
    const [previous, latest] = server.requests.filter((request) => request.chat).slice(-2);
    assert.deepEqual(latest.chat!.messages, previous.chat!.messages);
  });

  it('edits a past question and resends from there', async () => {
    server.enqueue({ kind: 'reply', text: 'About dogs.' }, { kind: 'reply', text: 'About cats.' });
    await ask(chat, 'Tell me about dogs');
    await waitForIdle(chat);
    const question = chat.locator('.message.user').last();
    await question.locator('.edit-button').click();
    await question.locator('.edit-input').fill('Tell me about cats');
    await question.locator('.edit-input').press('Enter');
    await chat.locator('.message.user .user-text', { hasText: 'Tell me about cats' }).waitFor();
    await waitForIdle(chat);
    assert.equal(await chat.locator('.message.user .user-text', { hasText: 'Tell me about dogs' }).count(), 0);
    assert.equal(await lastAnswer(chat), 'About cats.');
  });

  it('inserts an answer at the cursor in the editor', async () => {
    server.enqueue({ kind: 'reply', text: 'Inserted from the chat.' });
    await ask(chat, 'One line for my notes');
    await waitForIdle(chat);
    chat = await openNotes(page);
    await chat.locator('.message.last-answer button[data-action="insert"]').first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'Inserted from the chat.' }).waitFor();
    assert.match(await editorText(page), /The end\.\n?Inserted from the chat\./);
  });

  it('keeps the draft and the conversation when the view is hidden and shown again', async () => {
    const messages = await chat.locator('.message').count();
    await chat.locator('.composer-input').fill('An unsent draft');
    await runCommand(page, 'View: Show Explorer');
    await chat.locator('.composer-input').waitFor({ state: 'detached' });
    chat = await openChat(page);
    assert.equal(await chat.locator('.composer-input').inputValue(), 'An unsent draft');
    assert.equal(await chat.locator('.message').count(), messages);
    await chat.locator('.composer-input').fill('');
  });

  it('keeps the history list open on its search when the view is hidden and shown again', async () => {
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-search').fill('Seeded chat 12');
    await chat.locator('.history-item', { hasText: 'Seeded chat 12' }).first().waitFor();
    await runCommand(page, 'View: Show Explorer');
    await chat.locator('.composer-input').waitFor({ state: 'detached' });
    chat = await openChat(page);
    await chat.locator('.history-item', { hasText: 'Seeded chat 12' }).first().waitFor();
    assert.equal(await chat.locator('.history-search').inputValue(), 'Seeded chat 12');
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-status', { hasText: /[0-9]{3} chats/ }).waitFor();
    assert.equal(await chat.locator('.history-search').inputValue(), '', '"Chat History" shows every chat');
    await chat.locator('.history-close').click();
  });

  it("switches the model from the header with a quick pick of the endpoint's models", async () => {
    // The list fills in once the endpoint answers, moving rows under the pointer: filter, then press Enter.
    const chooseModel = async (model: string) => {
      await chat.locator('.model-button').click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'deepseek-chat' }).first().waitFor();
      await page.locator('.quick-input-widget input').fill(model);
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: model }).waitFor();
      await page.keyboard.press('Enter');
    };
    await chooseModel('gpt-4o-mini');
    await chat.locator('.model-button', { hasText: 'gpt-4o-mini' }).waitFor();
    server.enqueue({ kind: 'reply', text: 'From the other model.' });
    await ask(chat, 'Which model?');
    await waitForIdle(chat);
    assert.equal(server.requests.at(-1)!.chat!.model, 'gpt-4o-mini');
    await chooseModel('test-model');
    await chat.locator('.model-button', { hasText: 'test-model' }).waitFor();
  });

  it('attaches the editor selection as a chip and shows it with the question', async () => {
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await chat.locator('.composer .chip', { hasText: 'Selection · notes.md:1-3' }).waitFor();
    server.enqueue({ kind: 'reply', text: 'It is a heading and a paragraph.' });
    await ask(chat, 'What is this?');
    await waitForIdle(chat);
    const question = chat.locator('.message.user').last();
    assert.equal(await question.locator('details.context summary').innerText(), 'Selection · notes.md:1-3');
    assert.match(
      withoutFrameCodes(String(server.requests.at(-1)!.chat!.messages.at(-1)!.content)),
      /<inkwell-text>\n# Notes\n\nA first paragraph about the trip.\n\n<\/inkwell-text>/,
    );
    assert.equal(await chat.locator('.composer .chip').count(), 0, 'the composer is empty again');
  });

  it('keeps the view where the reader scrolled while the answer streams, and jumps back on request', async () => {
    server.enqueue({ kind: 'reply', chunks: chunksOf(longAnswer(24 * 1024), 40), tokensPerSecond: 80 });
    await ask(chat, 'A long answer, please');
    const transcript = chat.locator('.transcript');
    await chat.locator('.message.assistant.streaming .md-finished > *').nth(6).waitFor({ timeout: 20_000 });
    const box = (await transcript.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    const before = await transcript.evaluate((element) => ({ top: element.scrollTop, height: element.scrollHeight }));
    await page.waitForTimeout(1500);
    const after = await transcript.evaluate((element) => ({ top: element.scrollTop, height: element.scrollHeight }));
    assert.ok(after.height > before.height, 'the answer kept growing');
    assert.equal(after.top, before.top, 'the view stayed put');
    await chat.locator('.jump-to-latest').click();
    await page.waitForTimeout(300);
    const atEnd = await transcript.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
    assert.ok(atEnd < 40, `following again (${atEnd}px from the end)`);
    await chat.locator('.send-button.stop').click();
    await waitForIdle(chat);
  });

  it('measures render time per update for a 64 KB streamed answer, without and with 200 earlier messages', async () => {
    const text = longAnswer();
    const measure = async (): Promise<RenderFigures> => {
      await inChat(chat, () => window.inkwellDiagnostics!.renderStats.reset());
      server.enqueue({ kind: 'reply', chunks: chunksOf(text, 48), tokensPerSecond: 400 });
      await ask(chat, 'Write 64 KB');
      await waitForIdle(chat, 120_000);
      assert.equal((await lastAnswer(chat)).includes('Section 1'), true);
      return renderFigures(chat);
    };
    await newChat(page, chat);
    const alone = await measure();

    await chat.locator('.chat-header .persona').waitFor();
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-item', { hasText: 'A long conversation' }).locator('.history-title').click();
    await chat.locator('.message').nth(199).waitFor();
    const afterLong = await measure();
    recordFigure('ui: render per update, 64 KB answer, empty conversation', alone);
    recordFigure('ui: render per update, 64 KB answer, after 200 messages', afterLong);
    assert.ok(alone.updates > 20 && afterLong.updates > 20, 'the answer was rendered incrementally');
    // Work per update must not grow with the conversation: allow noise, not a trend.
    assert.ok(afterLong.meanMs < alone.meanMs * 2 + 2, `mean ${afterLong.meanMs} ms vs ${alone.meanMs} ms`);
    assert.ok(alone.lastQuarterMeanMs < alone.meanMs * 2 + 2, 'per-update time does not grow along the answer');
  });

  it('ends each streamed answer exactly as the same answer rendered in one piece, hostile and pathological ones included', async () => {
    await newChat(page, chat);
    const answers = [
      ...streamedAnswers.map((text) => ({ text, chunk: 3 })),
      ...pathologicalAnswers.map((answer) => ({ text: answer.text, chunk: 997 })),
    ];
    const streamed = new Map<string, string>();
    for (const [i, answer] of answers.entries()) {
      server.enqueue({ kind: 'reply', chunks: chunksOf(answer.text, answer.chunk), tokensPerSecond: 400 });
      await ask(chat, `Answer ${i}`);
      await waitForIdle(chat, 60_000);
      const last = chat.locator('.message.assistant').last();
      const id = (await last.getAttribute('data-message-id'))!;
      streamed.set(
        id,
        await last.locator('.message-body').evaluate((body) => Array.from(body.children, (part) => part.innerHTML).join('')),
      );
    }
    assert.equal(await inChat(chat, () => (window as { __pwned?: unknown }).__pwned), undefined, 'no script from an answer ran');
    // The view reloads from its saved state: every message is rendered once, from its whole text.
    chat = await openNotes(page);
    for (const [id, html] of streamed) {
      const body = chat.locator(`.message[data-message-id="${id}"] .message-body`);
      assert.equal(html, await body.evaluate((element) => element.innerHTML), `answer ${[...streamed.keys()].indexOf(id)}`);
    }
  });

  it('lists the 500 stored conversations lazily in the history, searchable by text', async () => {
    const started = Date.now();
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-item').first().waitFor();
    recordFigure('ui: history list first page visible after the command', `${Date.now() - started} ms`);
    const shown = await chat.locator('.history-item').count();
    assert.ok(shown <= 60, `only a first page is loaded (${shown})`);
    assert.match(await chat.locator('.history-status').innerText(), /50[0-9] chats/);
    await saveScreenshot(page, 'chat-history.png');
    await chat.locator('.history-search').fill('Seeded chat 42');
    await chat.locator('.history-item', { hasText: 'Seeded chat 42' }).first().waitFor();
    await chat.locator('.history-search').fill('Question 0 about Seeded chat 499');
    await chat.locator('.history-status', { hasText: '1 chat' }).waitFor();
    await chat.locator('.history-close').click();
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-status', { hasText: /50[0-9] chats/ }).waitFor();
    assert.equal(await chat.locator('.history-search').inputValue(), '', 'a closed search does not filter the next visit');
    await chat.locator('.history-close').click();
  });

  it('finds the conversation again after the window reloads', async () => {
    server.enqueue({ kind: 'reply', text: 'Remember this answer.' });
    await newChat(page, chat);
    await ask(chat, 'A question to survive a reload');
    await waitForIdle(chat);
    // The window reloads while the list is open on a search that hides the new chat: VS Code may restore a state
    // saved before that search, or after it; either way "Chat History" must then show every chat.
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-search').fill('Seeded chat 7');
    await chat.locator('.history-item', { hasText: 'Seeded chat 7' }).first().waitFor();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    chat = await openChat(page);
    await chat.locator('.message.user .user-text', { hasText: 'A question to survive a reload' }).waitFor({ timeout: 30_000 });
    assert.equal(await lastAnswer(chat), 'Remember this answer.');
    await runCommand(page, 'Inkwell: Chat History');
    await chat.locator('.history-item', { hasText: 'A question to survive a reload' }).waitFor();
    assert.equal(await chat.locator('.history-search').inputValue(), '');
    await chat.locator('.history-close').click();
  });

  it('looks right in light, dark and high-contrast themes', async () => {
    await newChat(page, chat);
    server.enqueue({
      kind: 'reply',
      text: '## Suggested outline\n\n1. **Hook**: a question\n2. Context, with a [source](https://example.com)\n\n> Keep it short.\n\n| Part | Words |\n|---|---|\n| Intro | 120 |\n| Body | 600 |\n\n```python\ndef count(words):\n    return len(words.split())\n```',
    });
    await ask(chat, 'Outline my essay about trains');
    await waitForIdle(chat);
    chat = await openNotes(page);
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+ArrowDown');
    await chat.locator('.composer .chip').first().waitFor();
    await chat.locator('.composer-input').fill('/tr');
    for (const [theme, bodyClass, file] of [
      ['Default Light Modern', 'vscode-light', 'chat-light.png'],
      ['Default Dark Modern', 'vscode-dark', 'chat-dark.png'],
      ['Default High Contrast', 'vscode-high-contrast', 'chat-high-contrast.png'],
    ]) {
      await setTheme(page, theme);
      await waitForThemeClass(page, chat, bodyClass);
      await saveScreenshot(page, file);
    }
    await chat.locator('.composer-input').fill('');
    await setTheme(page, 'Default Light Modern');
  });

  it('moves the conversation into an editor tab with "Open Chat in Editor"', async () => {
    const question = await chat.locator('.message.user .user-text').last().innerText();
    await runCommand(page, 'Inkwell: Open Chat in Editor');
    await page.locator('.tabs-container .tab', { hasText: 'Inkwell Chat' }).waitFor();
    // Two chat pages now: find the one that shows the editor-tab buttons.
    const frames = page.locator('iframe.webview.ready');
    let tab: FrameLocator | undefined;
    for (let attempt = 0; !tab && attempt < 60; attempt++) {
      for (let i = 0; i < (await frames.count()); i++) {
        const candidate = frames.nth(i).contentFrame().frameLocator('#active-frame');
        if (await candidate.locator('.tab-buttons:not([hidden])').count()) tab = candidate;
      }
      if (!tab) await page.waitForTimeout(250);
    }
    assert.ok(tab, 'a chat page with the editor-tab buttons');
    await tab.locator('.message.user .user-text', { hasText: question }).waitFor();
    await saveScreenshot(page, 'chat-editor-tab.png');
  });
});
