import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { StoredConversation } from '../../src/chat/conversationStore';
import { buildTaskMessages, builtinTasks } from '../../src/prompts/tasks';
import type { DoneMessage, HostMessage, TurnStartedMessage } from '../../src/shared/protocol';
import { createTestChat, nextRequestId, type TestChat } from './chatTestKit';
import { setSettings, useLocalServer, waitFor } from './editorTestKit';
import { openaiErrors } from '../support/openaiScenarios';
import { withoutFrameCodes } from '../support/promptFrames';

function types(messages: HostMessage[]): string[] {
  return messages.map((message) => message.type);
}

/** The request types of one turn collapse to: turnStarted, chunk…, then exactly one done or error. */
function shape(messages: HostMessage[]): string {
  return types(messages)
    .join(' ')
    .replace(/(chunk ?)+/g, 'chunk… ')
    .trim();
}

function chatRequests(chat: {
  server: { requests: Array<{ chat?: { messages: Array<{ role: string; content?: unknown }> } }> };
}): Array<Array<{ role: string; content?: unknown }>> {
  return chat.server.requests.filter((request) => request.chat).map((request) => request.chat!.messages);
}

describe('The chat session', () => {
  const local = useLocalServer();
  let chat: TestChat;
  beforeEach(() => (chat = createTestChat()));
  afterEach(() => chat.dispose());

  const saved = async (): Promise<StoredConversation> => (await chat.store.load((await chat.session.current()).id))!;

  it('streams an answer as turnStarted, chunks, then one done, and saves both messages', async () => {
    local.server.enqueue({ kind: 'reply', text: 'Here is **bold** advice.\n\n- one\n- two' });
    const replies = await chat.send('How do I start an essay?');
    assert.strictEqual(shape(replies), 'turnStarted chunk… done');
    const done = replies.at(-1) as DoneMessage;
    assert.strictEqual(done.message.text, 'Here is **bold** advice.\n\n- one\n- two');
    assert.strictEqual(done.message.status, 'complete');
    assert.ok(done.message.usage && done.message.usage.completionTokens > 0, 'token usage of the answer is reported');
    const conversation = await saved();
    assert.deepStrictEqual(
      conversation.messages.map((message) => [message.role, message.text]),
      [
        ['user', 'How do I start an essay?'],
        ['assistant', 'Here is **bold** advice.\n\n- one\n- two'],
      ],
    );
    assert.strictEqual(conversation.title, 'How do I start an essay?');
    const [request] = chatRequests(local);
    assert.strictEqual(request[0].role, 'system');
    assert.match(String(request[0].content), /You are Inkwell, a writing assistant/);
    assert.deepStrictEqual(request.slice(1), [{ role: 'user', content: 'How do I start an essay?' }]);
  });

  it('sends the earlier turns with a follow-up question', async () => {
    local.server.enqueue({ kind: 'reply', text: 'First answer.' }, { kind: 'reply', text: 'Second answer.' });
    await chat.send('First question');
    await chat.send('Follow-up');
    const messages = chatRequests(local)[1].slice(1);
    assert.deepStrictEqual(messages, [
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Follow-up' },
    ]);
  });

  it('stops mid-stream: the server sees the disconnect and the partial answer is saved as stopped', async () => {
    local.server.enqueue({ kind: 'reply', text: 'word '.repeat(400), tokensPerSecond: 40 });
    const requestId = nextRequestId();
    await chat.session.handle({ type: 'send', requestId, text: 'Write a lot', chipIds: [] });
    await waitFor(() => chat.repliesTo(requestId).some((message) => message.type === 'chunk'), 'the first chunk');
    await chat.session.handle({ type: 'stop', requestId });
    const disconnected = await local.server.waitForDisconnect(5000);
    assert.strictEqual(disconnected.clientClosedEarly, true);
    await chat.session.idle();
    await waitFor(() => chat.saves() >= 2, 'the stopped answer to be saved');
    const replies = chat.repliesTo(requestId);
    assert.strictEqual(shape(replies), 'turnStarted chunk… done');
    const done = replies.at(-1) as DoneMessage;
    assert.strictEqual(done.message.status, 'stopped');
    assert.ok(done.message.text.length > 0 && done.message.text.length < 'word '.repeat(400).length);
    const answer = (await saved()).messages[1];
    assert.strictEqual(answer.status, 'stopped');
    assert.strictEqual(answer.text, done.message.text);
  });

  it('regenerates the last answer from the same history, replacing it', async () => {
    local.server.enqueue({ kind: 'reply', text: 'Answer one.' }, { kind: 'reply', text: 'Answer two.' });
    const first = await chat.send('Name a colour');
    const oldAnswerId = (first.at(-1) as DoneMessage).message.id;
    const requestId = nextRequestId();
    await chat.session.handle({ type: 'regenerate', requestId });
    await chat.session.idle();
    await waitFor(() => chat.saves() >= 3, 'the new answer to be saved');
    const replies = chat.repliesTo(requestId);
    assert.strictEqual(shape(replies), 'turnStarted chunk… done');
    assert.strictEqual((replies[0] as TurnStartedMessage).replaceFrom, oldAnswerId);
    assert.strictEqual((replies[0] as TurnStartedMessage).userMessage, undefined);
    const [firstRequest, secondRequest] = chatRequests(local);
    assert.deepStrictEqual(secondRequest, firstRequest);
    assert.deepStrictEqual(
      (await saved()).messages.map((message) => message.text),
      ['Name a colour', 'Answer two.'],
    );
  });

  it('edits a past question and continues from there, dropping what came after', async () => {
    local.server.enqueue({ kind: 'reply', text: 'A1' }, { kind: 'reply', text: 'A2' }, { kind: 'reply', text: 'A3' });
    const first = await chat.send('Question one');
    await chat.send('Question two');
    const firstQuestion = (first[0] as TurnStartedMessage).userMessage!;
    const requestId = nextRequestId();
    await chat.session.handle({ type: 'editAndResend', requestId, messageId: firstQuestion.id, text: 'Question one, edited' });
    await chat.session.idle();
    await waitFor(() => chat.saves() >= 6, 'the edited turn to be saved');
    const started = chat.repliesTo(requestId)[0] as TurnStartedMessage;
    assert.strictEqual(started.replaceFrom, firstQuestion.id);
    assert.strictEqual(started.userMessage?.text, 'Question one, edited');
    assert.deepStrictEqual(chatRequests(local)[2].slice(1), [{ role: 'user', content: 'Question one, edited' }]);
    assert.deepStrictEqual(
      (await saved()).messages.map((message) => message.text),
      ['Question one, edited', 'A3'],
    );
    assert.strictEqual((await saved()).title, 'Question one, edited');
  });

  it("runs /translate with the editor command's own prompt template, on the text after the command", async () => {
    local.server.enqueue({ kind: 'reply', text: 'Bonjour le monde.' });
    await chat.send('/translate French\nHello world.');
    const [request] = chatRequests(local);
    const expected = buildTaskMessages(builtinTasks.translate, {
      text: 'Hello world.',
      variables: { target: 'French' },
      answerLanguage: 'auto',
    });
    const unframed = (messages: ReadonlyArray<{ role: string; content?: unknown }>) =>
      messages.map((message) => ({ ...message, content: withoutFrameCodes(String(message.content)) }));
    assert.deepStrictEqual(unframed(request), unframed(expected));
    const body = local.server.requests.filter((entry) => entry.chat).at(-1)!.body as { temperature?: number };
    assert.strictEqual(body.temperature, builtinTasks.translate.temperature);
    const conversation = await saved();
    assert.strictEqual(conversation.messages[0].text, '/translate French\nHello world.', 'the history shows what was typed');
  });

  it('runs /shorter on the last answer when nothing else is given', async () => {
    local.server.enqueue({ kind: 'reply', text: 'A long answer with many words in it.' }, { kind: 'reply', text: 'Short.' });
    await chat.send('Tell me something');
    await chat.send('/shorter');
    const request = chatRequests(local)[1];
    assert.match(String(request[1].content), /noticeably shorter/);
    assert.match(withoutFrameCodes(String(request[1].content)), /<inkwell-text>\nA long answer with many words in it.\n<\/inkwell-text>/);
  });

  it('refuses a slash command with nothing to work on, with one error and no turn', async () => {
    const requestId = nextRequestId();
    await chat.session.handle({ type: 'send', requestId, text: '/improve', chipIds: [] });
    const replies = chat.repliesTo(requestId);
    assert.strictEqual(shape(replies), 'error');
    assert.match((replies[0] as { message: string }).message, /no text for that command/);
    assert.strictEqual(local.server.requests.length, 0);
  });

  it('ends a failed request with one error that keeps the partial answer, saved as failed', async () => {
    local.server.enqueue({ kind: 'disconnect', text: 'Partial answer that will be cut', afterChunks: 3 });
    const replies = await chat.send('Go');
    assert.strictEqual(shape(replies), 'turnStarted chunk… error');
    const error = replies.at(-1) as Extract<HostMessage, { type: 'error' }>;
    assert.strictEqual(error.category, 'network');
    assert.strictEqual(error.answer?.status, 'error');
    assert.ok(error.answer?.text.length);
    assert.strictEqual((await saved()).messages[1].status, 'error');
  });

  it("keeps the key and the header values that a server's error echoes out of the chat, its saved history, its log and its export", async () => {
    const key = 'sk-proj-Zq81kLm0pX7vRt4wNe2bYc9d';
    const headerValue = 'team-token-5f1e9a7c33';
    await setSettings({ extraHeaders: { 'X-Team-Token': headerValue } });
    const keyed = createTestChat({ key });
    const exported = path.join(keyed.folder, 'exported.md');
    try {
      local.server.enqueue(openaiErrors.echoingHeaders(['authorization', 'x-team-token'], 400));
      const replies = await keyed.send('Go');
      assert.strictEqual(local.server.requests.at(-1)!.headers.authorization, `Bearer ${key}`, 'the server got the key');
      const error = replies.at(-1) as Extract<HostMessage, { type: 'error' }>;
      assert.strictEqual(error.type, 'error');
      assert.match(error.message, /Headers received: authorization: Bearer \[redacted\]; x-team-token: \[redacted\]/);
      const stored = (await keyed.store.load((await keyed.session.current()).id))!;
      assert.match(stored.messages[1].errorMessage ?? '', /Bearer \[redacted\]/, 'the saved answer keeps the error, redacted');
      const result = await keyed.session.exportConversation(vscode.Uri.file(exported));
      assert.strictEqual(result.status, 'done');
      const onDisk = [
        ...fs
          .readdirSync(keyed.folder)
          .filter((name) => name.endsWith('.json'))
          .map((name) => fs.readFileSync(path.join(keyed.folder, name), 'utf8')),
        fs.readFileSync(exported, 'utf8'),
      ];
      assert.ok(onDisk[onDisk.length - 1].includes('[redacted]'), 'the export shows the failure');
      for (const text of [JSON.stringify(replies), ...onDisk, JSON.stringify(keyed.log.lines)]) {
        assert.ok(!text.includes(key) && !text.includes(headerValue), text.slice(0, 500));
      }
    } finally {
      keyed.dispose();
      await setSettings({ extraHeaders: undefined });
    }
  });

  it('refuses a second question while an answer streams', async () => {
    local.server.enqueue({ kind: 'reply', text: 'slow '.repeat(100), tokensPerSecond: 50 });
    const first = nextRequestId();
    await chat.session.handle({ type: 'send', requestId: first, text: 'One', chipIds: [] });
    const second = nextRequestId();
    await chat.session.handle({ type: 'send', requestId: second, text: 'Two', chipIds: [] });
    assert.strictEqual(shape(chat.repliesTo(second)), 'error');
    await chat.session.handle({ type: 'stop', requestId: first });
    await chat.session.idle();
  });

  it('re-sends the streaming text in init when a hidden view comes back mid-answer', async () => {
    local.server.enqueue({ kind: 'reply', text: 'part '.repeat(200), tokensPerSecond: 60 });
    const requestId = nextRequestId();
    await chat.session.handle({ type: 'send', requestId, text: 'Stream', chipIds: [] });
    await waitFor(() => chat.repliesTo(requestId).filter((message) => message.type === 'chunk').length >= 2, 'some chunks');
    const init = chat.session.initMessage('view');
    const streamed = chat
      .repliesTo(requestId)
      .filter((message) => message.type === 'chunk')
      .map((message) => (message as { text: string }).text)
      .join('');
    assert.strictEqual(init.streaming?.requestId, requestId);
    assert.ok(init.streaming!.text.startsWith(streamed));
    assert.deepStrictEqual(
      init.conversation.messages.map((message) => message.text),
      ['Stream'],
    );
    await chat.session.handle({ type: 'stop', requestId });
    await chat.session.idle();
  });

  it('switches, renames and deletes conversations through the history messages', async () => {
    local.server.enqueue({ kind: 'reply', text: 'About cats.' }, { kind: 'reply', text: 'About dogs.' });
    await chat.send('Cats?');
    const catsId = (await chat.session.current()).id;
    await chat.session.handle({ type: 'newChat' });
    await chat.send('Dogs?');
    const list = nextRequestId();
    await chat.session.handle({ type: 'listHistory', requestId: list, query: 'cats', offset: 0, limit: 10 });
    const page = chat.repliesTo(list)[0] as Extract<HostMessage, { type: 'historyPage' }>;
    assert.deepStrictEqual(
      page.items.map((item) => item.id),
      [catsId],
    );
    await chat.session.handle({ type: 'openConversation', conversationId: catsId });
    const shown = chat.posted.filter((message) => message.type === 'conversation').at(-1) as Extract<HostMessage, { type: 'conversation' }>;
    assert.deepStrictEqual(
      shown.conversation.messages.map((message) => message.text),
      ['Cats?', 'About cats.'],
    );
    await chat.session.handle({ type: 'renameConversation', conversationId: catsId, title: 'Feline questions' });
    await waitFor(() => chat.posted.some((message) => message.type === 'title' && message.title === 'Feline questions'), 'the new title');
    await chat.session.handle({ type: 'deleteConversation', conversationId: catsId });
    assert.strictEqual(await chat.store.load(catsId), undefined);
    assert.notStrictEqual((await chat.session.current()).id, catsId, 'deleting the open chat starts a new one');
    assert.deepStrictEqual(
      (await chat.store.list()).map((entry) => entry.title),
      ['Dogs?'],
    );
  });
});
