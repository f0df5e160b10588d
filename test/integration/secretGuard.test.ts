import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { withSecretAnswer } from '../../src/consent/secretGuard';
import { createTestChat, workspaceFile, type TestChat } from './chatTestKit';
import { lastUserMessage, openWithSelection, setSettings, useLocalServer, waitFor } from './editorTestKit';

/** Format-true but made up; assembled here so no key-shaped literal sits in the repository. */
const awsKey = ['AKIA', 'QYLPMN5HHHFPZAM2'].join('');
const githubToken = ['ghp_', 'R7bq2mXv9LkP4sTzW1cYhN8dJ3fGa6eQu0Io'].join('');

describe('The outgoing secret guard', () => {
  const local = useLocalServer();
  afterEach(() => setSettings({ 'privacy.secretGuard': undefined }));

  const chatRequests = (): number => local.server.requests.filter((request) => request.chat).length;

  describe('for a writing command', () => {
    it('sends nothing when the answer is Cancel, and resolves cancelled', async () => {
      const editor = await openWithSelection(`«Deploy with key ${awsKey} tonight.»`);
      local.server.enqueue({ kind: 'reply', text: 'Improved.' });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve', { output: 'replace', secrets: 'cancel' });
      assert.strictEqual(result.status, 'cancelled');
      assert.strictEqual(chatRequests(), 0, 'the local server saw no request');
      assert.strictEqual(editor.document.getText(), `Deploy with key ${awsKey} tonight.`);
    });

    it('replaces each secret with a placeholder when the answer is Remove and Send', async () => {
      await openWithSelection(`«Key ${awsKey} and token ${githubToken}.»`);
      local.server.enqueue({ kind: 'reply', text: 'Summary.' });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize', { secrets: 'remove' });
      assert.strictEqual(result.status, 'done');
      const sent = lastUserMessage(local.server);
      assert.ok(sent.includes('Key [removed: AWS key] and token [removed: GitHub token].'), sent);
      assert.ok(!sent.includes(awsKey) && !sent.includes(githubToken));
    });

    it('sends the text as it is when the answer is Send Anyway', async () => {
      await openWithSelection(`«Key ${awsKey}.»`);
      local.server.enqueue({ kind: 'reply', text: 'Summary.' });
      await vscode.commands.executeCommand<CommandResult>('inkwell.summarize', { secrets: 'send' });
      assert.ok(lastUserMessage(local.server).includes(awsKey));
    });

    it('does not ask when inkwell.privacy.secretGuard is off', async () => {
      await setSettings({ 'privacy.secretGuard': false });
      await openWithSelection(`«Key ${awsKey}.»`);
      local.server.enqueue({ kind: 'reply', text: 'Summary.' });
      // No answer given: with the guard on, this would wait on a modal question.
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      assert.strictEqual(result.status, 'done');
      assert.ok(lastUserMessage(local.server).includes(awsKey));
    });

    it('lets text without secrets through without asking', async () => {
      await openWithSelection('«A quiet paragraph about the sea, hash 3f786850e387550fdab836ed7e6dc881de23001b.»');
      local.server.enqueue({ kind: 'reply', text: 'Summary.' });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      assert.strictEqual(result.status, 'done');
    });
  });

  describe('for a chat message', () => {
    let chat: TestChat;
    beforeEach(() => (chat = createTestChat()));
    afterEach(() => chat.dispose());

    it('sends nothing when the answer is Cancel', async () => {
      local.server.enqueue({ kind: 'reply', text: 'Answer.' });
      await withSecretAnswer('cancel', () => chat.send(`Why does ${githubToken} not work?`));
      assert.strictEqual(chatRequests(), 0, 'the local server saw no request');
      const answer = (await chat.session.current()).messages.at(-1)!;
      assert.strictEqual(answer.role, 'assistant');
      assert.strictEqual(answer.status, 'stopped');
    });

    it('removes a secret from an attached file before sending', async () => {
      const uri = workspaceFile('settings.env', `HOST=db.internal\nDB_PASSWORD=Wq8vN2kLp4zT\n`);
      await vscode.window.showTextDocument(uri);
      await chat.session.handle({ type: 'addCurrentFile' });
      await waitFor(() => chat.posted.some((message) => message.type === 'chips' && message.chips.length === 1), 'the file chip');
      local.server.enqueue({ kind: 'reply', text: 'Looks fine.' });
      await withSecretAnswer('remove', () => chat.send('Is this config right?', { chips: 'all' }));
      const sent = lastUserMessage(local.server);
      assert.ok(sent.includes('DB_PASSWORD=[removed: secret in a .env line]'), sent);
      assert.ok(!sent.includes('Wq8vN2kLp4zT'));
      assert.ok(sent.includes('HOST=db.internal'));
    });
  });
});
