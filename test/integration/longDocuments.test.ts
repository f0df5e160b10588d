import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { countPromptTokens, openaiErrors } from '../support/openaiScenarios';
import type { DoneMessage, HostMessage } from '../../src/shared/protocol';
import { createTestChat, type TestChat } from './chatTestKit';
import { echoFramedText, openWithSelection, setSettings, useLocalServer, waitFor } from './editorTestKit';

const chineseArticle = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/zh-article.md'), 'utf8');

function repeatTo(text: string, length: number): string {
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

describe('Long documents', () => {
  const local = useLocalServer();
  before(() => setSettings({ contextWindow: 16000, maxConcurrentRequests: 2 }));
  after(() => setSettings({ contextWindow: undefined, maxConcurrentRequests: undefined }));

  for (const [language, source] of [
    ['English', '## A section\n\nThe tide rises twice a day because the moon pulls the oceans. '.repeat(3) + '\n\n'],
    ['Chinese', chineseArticle],
  ] as const) {
    it(`summarizes 300,000 characters of ${language} in parts, never more at once than the setting, then combines them`, async () => {
      const text = repeatTo(source, 300_000);
      const editor = await openWithSelection(`«${text}»`);
      local.server.setDefault((request) => {
        const user = String((request.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content);
        return {
          kind: 'reply',
          text: user.startsWith('The text is a series of summaries') ? 'The whole summary.' : 'A part summary.',
          latencyMs: 20,
        };
      });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      assert.strictEqual(result.status, 'done', JSON.stringify(result).slice(0, 300));
      const chats = local.server.requests.filter((request) => request.chat);
      const parts = chats.filter((request) => String(request.chat!.messages.at(-1)!.content).startsWith('The text is part'));
      const combines = chats.filter((request) =>
        String(request.chat!.messages.at(-1)!.content).startsWith('The text is a series of summaries'),
      );
      assert.ok(parts.length >= 4, `${parts.length} parts, model ${parts[0]?.chat?.model}`);
      assert.strictEqual(combines.length, 1);
      assert.strictEqual(chats.length, parts.length + 1);
      assert.ok(local.server.maxConcurrent <= 2 && local.server.maxConcurrent >= 2, `peak concurrency ${local.server.maxConcurrent}`);
      assert.ok(String(parts[0].chat!.messages.at(-1)!.content).includes(`part 1 of ${parts.length}`));
      assert.ok(editor.document.getText().endsWith('\n\nThe whole summary.'));
    });
  }

  it('waits out a 429 on one part and retries that part only', async () => {
    await setSettings({ maxRetries: 1 });
    try {
      const text = repeatTo('A sentence about tides and the moon. ', 120_000);
      const editor = await openWithSelection(`«${text}»`);
      let limited = false;
      local.server.setDefault((request) => {
        const user = String((request.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content);
        if (!limited && user.startsWith('The text is part 2 of')) {
          limited = true;
          return openaiErrors.rateLimited({ retryAfterSeconds: 1 });
        }
        return { kind: 'reply', text: user.startsWith('The text is a series') ? 'All of it.' : 'One part.' };
      });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      assert.strictEqual(result.status, 'done', JSON.stringify(result).slice(0, 300));
      const prompts = local.server.requests
        .filter((request) => request.chat)
        .map((request) => String(request.chat!.messages.at(-1)!.content));
      const partTwo = prompts.filter((prompt) => prompt.startsWith('The text is part 2 of'));
      const partOne = prompts.filter((prompt) => prompt.startsWith('The text is part 1 of'));
      assert.strictEqual(partTwo.length, 2, 'part 2 was sent again after the 429');
      assert.strictEqual(partOne.length, 1, 'the other parts were not');
      assert.ok(editor.document.getText().endsWith('All of it.'));
    } finally {
      await setSettings({ maxRetries: 0 });
    }
  });

  it('stops every part request within 200 ms of a cancel', async () => {
    const text = repeatTo('Sentence about the sea and the moon. ', 300_000);
    await openWithSelection(`«${text}»`);
    local.server.setDefault({ kind: 'reply', text: 'slow part summary '.repeat(50), tokensPerSecond: 20 });
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => local.server.inFlight === 2, 'two parts in flight');
    const cancelledAt = Date.now();
    await vscode.commands.executeCommand('inkwell.cancel');
    const result = await running;
    assert.strictEqual(result.status, 'cancelled');
    await waitFor(() => local.server.inFlight === 0, 'every request closed', 2000);
    const closed = local.server.requests.filter((request) => request.clientClosedEarly);
    assert.strictEqual(closed.length, 2);
    for (const request of closed)
      assert.ok(request.closedAt! - cancelledAt < 200, `closed ${request.closedAt! - cancelledAt} ms after cancel`);
    assert.strictEqual(local.server.requests.filter((request) => request.chat).length, 2, 'no new part started after the cancel');
  });

  it('rewrites a text beyond the window part by part into one review, keeping the boundaries', async function () {
    // A small window makes a few parts of a text the tracked-changes review still takes (the side-by-side fallback above 60,000 characters has its own test).
    await setSettings({ contextWindow: 4000 });
    try {
      const section = (n: number) => `## Part ${n}\n\n${'A line of prose that the model will return unchanged. '.repeat(150)}\n\n`;
      const text = section(1) + section(2) + section(3);
      const editor = await openWithSelection(`«${text}»`);
      local.server.setDefault((request) => echoFramedText(request));
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
      const chats = local.server.requests.filter((request) => request.chat);
      assert.ok(chats.length >= 3, `${chats.length} requests: ${JSON.stringify(result).slice(0, 300)}`);
      await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
      assert.strictEqual(editor.document.getText(), text);
    } finally {
      await setSettings({ contextWindow: 16000 });
    }
  });
});

describe('Long attachments in the chat, planned as the editor commands plan them', () => {
  const local = useLocalServer();
  let chat: TestChat;
  before(() => setSettings({ contextWindow: 16000, maxConcurrentRequests: 2 }));
  after(() => setSettings({ contextWindow: undefined, maxConcurrentRequests: undefined }));
  beforeEach(() => (chat = createTestChat()));
  afterEach(() => chat.dispose());

  /** Selects `text` in a new document and waits for the chat to attach it as a chip. */
  async function attachSelection(text: string): Promise<void> {
    await openWithSelection(`«${text}»`);
    await waitFor(
      () => chat.posted.some((message) => message.type === 'chips' && message.chips.some((chip) => chip.chars === text.length)),
      'the selection as a chip',
    );
  }

  const chatRequests = () => local.server.requests.filter((request) => request.chat);
  const lastUserContent = (request: (typeof local.server.requests)[number]) => String(request.chat!.messages.at(-1)!.content);

  it('summarizes a 300,000-character attachment with /summarize in parts, then streams the combined summary as the answer', async () => {
    const text = repeatTo(chineseArticle, 300_000);
    await attachSelection(text);
    local.server.setDefault((request) => {
      const user = String((request.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content);
      return {
        kind: 'reply',
        text: user.startsWith('The text is a series of summaries') ? 'The whole summary.' : 'A part summary.',
        latencyMs: 20,
      };
    });
    const replies = await chat.send('/summarize', { chips: 'all' });
    const parts = chatRequests().filter((request) => lastUserContent(request).startsWith('The text is part'));
    const combines = chatRequests().filter((request) => lastUserContent(request).startsWith('The text is a series of summaries'));
    assert.ok(parts.length >= 4, `${parts.length} parts`);
    assert.strictEqual(combines.length, 1);
    assert.strictEqual(chatRequests().length, parts.length + 1);
    assert.ok(local.server.maxConcurrent === 2, `peak concurrency ${local.server.maxConcurrent}`);
    const done = replies.at(-1) as DoneMessage;
    assert.strictEqual(done.type, 'done');
    assert.strictEqual(done.message.text, 'The whole summary.', 'only the combined summary is the answer');
    const chunks = replies
      .filter((message): message is Extract<HostMessage, { type: 'chunk' }> => message.type === 'chunk')
      .map((message) => message.text)
      .join('');
    assert.strictEqual(chunks, 'The whole summary.', 'the part summaries never reach the chat');
    const sent = chatRequests().reduce((sum, request) => sum + countPromptTokens(request.chat!.messages), 0);
    assert.strictEqual(done.message.usage?.promptTokens, sent, 'the usage shown adds up every request');
  });

  it('rewrites a long attachment with /improve part by part, keeping the white space between the parts', async () => {
    await setSettings({ contextWindow: 4000 });
    try {
      const text = repeatTo(
        '## A heading\n\nA paragraph about the tide and the moon that needs a better rhythm. '.repeat(4) + '\n\n',
        30_000,
      );
      await attachSelection(text);
      local.server.setDefault((request) => ({ kind: 'reply', text: echoFramedText(request).text.trimEnd() }));
      const replies = await chat.send('/improve', { chips: 'all' });
      assert.ok(chatRequests().length >= 3, `${chatRequests().length} requests`);
      const done = replies.at(-1) as DoneMessage;
      assert.strictEqual(done.type, 'done');
      assert.strictEqual(done.message.text, text);
    } finally {
      await setSettings({ contextWindow: 16000 });
    }
  });

  it('drops a code fence the model wrapped around a /shorter answer, as the editor command does', async () => {
    local.server.enqueue({ kind: 'reply', text: '```markdown\nShort.\n```' });
    const replies = await chat.send('/shorter\nA long sentence that says very little in a great many words.');
    assert.strictEqual((replies.at(-1) as DoneMessage).message.text, 'Short.');
  });

  it('keeps what arrived of a part-by-part /improve that fails, saved as failed', async () => {
    await setSettings({ contextWindow: 4000, maxRetries: 0 });
    try {
      const text = repeatTo('A sentence about the tide and the moon, written plainly. ', 20_000);
      await attachSelection(text);
      let count = 0;
      local.server.setDefault((request) =>
        ++count >= 2 ? openaiErrors.serverError() : { kind: 'reply', text: echoFramedText(request).text.trimEnd() },
      );
      const replies = await chat.send('/improve', { chips: 'all' });
      const error = replies.at(-1) as Extract<HostMessage, { type: 'error' }>;
      assert.strictEqual(error.type, 'error');
      assert.strictEqual(error.answer?.status, 'error');
      assert.ok(error.answer!.text.length > 0 && text.startsWith(error.answer!.text.trimEnd()), 'the first part is kept');
    } finally {
      await setSettings({ contextWindow: 16000, maxRetries: undefined });
    }
  });
});

describe('Token counting in the editor', () => {
  const local = useLocalServer();
  before(() => setSettings({ contextWindow: 16000 }));
  after(() => setSettings({ contextWindow: undefined, model: 'test-model' }));

  it('loads the exact tokenizer for an OpenAI model, so Chinese text that only the estimate finds too long goes in one request', async () => {
    const text = repeatTo(chineseArticle, 24_000);
    await setSettings({ model: 'gpt-4o' });
    await openWithSelection(`«${text}»`);
    local.server.setDefault({ kind: 'reply', text: '摘要。' });
    await vscode.commands.executeCommand('inkwell.summarize');
    assert.strictEqual(local.server.requests.filter((request) => request.chat).length, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await setSettings({ model: 'test-model' });
    await openWithSelection(`«${text}»`);
    local.server.reset();
    local.server.setDefault({ kind: 'reply', text: '摘要。' });
    await vscode.commands.executeCommand('inkwell.summarize');
    assert.ok(local.server.requests.filter((request) => request.chat).length >= 3, 'the estimate splits the same text');
  });
});
