import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { fixActionsFor } from '../../src/shared/errorActions';
import { parseWebviewMessage, type ErrorMessage } from '../../src/shared/protocol';
import { openaiErrors } from '../support/openaiScenarios';
import { createTestChat, type TestChat } from './chatTestKit';
import { closeAllWithoutSaving, openWithSelection, setSettings, useLocalServer } from './editorTestKit';

describe('The chat for a newcomer', () => {
  const local = useLocalServer();
  let chat: TestChat;
  beforeEach(() => (chat = createTestChat()));
  afterEach(() => chat.dispose());

  it('offers the same fix buttons under a failed answer as the editor notification for the same failure', async () => {
    local.server.enqueue(openaiErrors.invalidApiKey());
    const replies = await chat.send('Hello?');
    const error = replies.at(-1) as ErrorMessage;
    assert.strictEqual(error.type, 'error');
    await openWithSelection('«Some text.»');
    local.server.enqueue(openaiErrors.invalidApiKey());
    const notification = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(notification.category, error.category);
    assert.deepStrictEqual(error.actions, notification.actions);
    assert.deepStrictEqual(error.actions, ['Set API Key', 'Choose Provider']);
    await closeAllWithoutSaving();
  });

  it("keeps a failed answer's category in the saved conversation, so after a reload it offers the same fix buttons", async () => {
    local.server.enqueue(openaiErrors.serverError());
    const replies = await chat.send('Hello again?');
    const error = replies.at(-1) as ErrorMessage;
    const newest = (await chat.store.list()).sort((a, b) => b.updatedAt - a.updatedAt)[0];
    const saved = await chat.store.load(newest.id);
    const answer = saved?.messages.at(-1);
    assert.strictEqual(answer?.status, 'error');
    assert.strictEqual(answer?.errorCategory, error.category);
    assert.deepStrictEqual(fixActionsFor(answer?.errorCategory), error.actions);
  });

  it('offers the log for a failure without a fix of its own, as the notifications do', () => {
    assert.deepStrictEqual(fixActionsFor('serverError'), ['Show Log']);
    assert.deepStrictEqual(fixActionsFor('somethingNew'), ['Show Log']);
  });

  it('accepts only known fix and setup buttons from the webview', () => {
    assert.strictEqual(parseWebviewMessage({ type: 'fixAction', action: 'Set API Key' }).ok, true);
    assert.strictEqual(parseWebviewMessage({ type: 'setupAction', action: 'findLocalModels' }).ok, true);
    assert.strictEqual(parseWebviewMessage({ type: 'fixAction', action: 'workbench.action.terminal.new' }).ok, false);
    assert.strictEqual(parseWebviewMessage({ type: 'setupAction', action: 'chooseProvider', command: 'x' }).ok, false);
  });

  it('shows the persona by a short name, with its first line kept for the tooltip', async () => {
    await setSettings({ 'chat.systemPrompt': "You are a careful copy editor. Keep the author's voice." });
    try {
      const header = chat.session.header();
      assert.strictEqual(header.persona, 'Careful copy editor');
      assert.strictEqual(header.personaDetail, "You are a careful copy editor. Keep the author's voice.");
    } finally {
      await setSettings({ 'chat.systemPrompt': undefined });
    }
    assert.strictEqual(chat.session.header().persona, 'Inkwell');
  });

  it('opens the first page of a session at the latest message and restores the scroll of later ones', async () => {
    await chat.session.prepare();
    assert.strictEqual(chat.session.initMessage('view').restoreScroll, false);
    assert.strictEqual(chat.session.initMessage('view').restoreScroll, true);
  });
});

describe('Chat Insert of a code block', () => {
  const local = useLocalServer();
  let chat: TestChat;
  beforeEach(() => (chat = createTestChat()));
  afterEach(() => chat.dispose());

  const answerWithCode = 'Use this:\n\n```python\nprint("hi")\n```\n\nDone.';

  it('keeps the fence when the document is Markdown', async () => {
    local.server.enqueue({ kind: 'reply', text: answerWithCode });
    const replies = await chat.send('Show me code');
    const answerId = (replies.at(-1) as { message: { id: string } }).message.id;
    const editor = await openWithSelection('# Notes\n\n‸', 'markdown');
    const result = await chat.session.runEditorAction('insert', answerId, 0);
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(editor.document.getText(), '# Notes\n\n```python\nprint("hi")\n```\n');
  });

  it('starts the fence on a line of its own when the cursor is mid-line', async () => {
    local.server.enqueue({ kind: 'reply', text: answerWithCode });
    const replies = await chat.send('Show me code');
    const answerId = (replies.at(-1) as { message: { id: string } }).message.id;
    const editor = await openWithSelection('Text‸', 'markdown');
    await chat.session.runEditorAction('insert', answerId, 0);
    assert.strictEqual(editor.document.getText(), 'Text\n```python\nprint("hi")\n```\n');
  });

  it('inserts the bare code into a code file', async () => {
    local.server.enqueue({ kind: 'reply', text: answerWithCode });
    const replies = await chat.send('Show me code');
    const answerId = (replies.at(-1) as { message: { id: string } }).message.id;
    const editor = await openWithSelection('‸', 'python');
    await chat.session.runEditorAction('insert', answerId, 0);
    assert.strictEqual(editor.document.getText(), 'print("hi")\n');
  });
});
