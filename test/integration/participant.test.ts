import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import type { ParticipantTestRun } from '../../src/participant/participantTestCommand';
import { participantTestCommandId } from '../../src/participant/participantTestCommand';
import { buildTaskMessages, builtinTasks } from '../../src/prompts/tasks';
import { openaiErrors } from '../support/openaiScenarios';
import { withoutFrameCodes } from '../support/promptFrames';
import { openWithSelection, setSettings, useLocalServer, waitFor } from './editorTestKit';

/** Asks the extension's own `@inkwell` participant, as the chat view would with `@inkwell /<command> <prompt>`. */
function ask(command: string | undefined, prompt = ''): Promise<ParticipantTestRun> {
  return vscode.commands.executeCommand<ParticipantTestRun>(participantTestCommandId, command, prompt) as Promise<ParticipantTestRun>;
}

function chatRequests(server: { requests: Array<{ chat?: { messages: Array<{ role: string; content?: unknown }> } }> }) {
  return server.requests.filter((request) => request.chat).map((request) => request.chat!.messages);
}

const unframed = (messages: ReadonlyArray<{ role: string; content?: unknown }>) =>
  messages.map((message) => ({ role: message.role, content: withoutFrameCodes(String(message.content)) }));

describe('The @inkwell chat participant', () => {
  const local = useLocalServer();
  afterEach(() => setSettings({ 'review.style': undefined }));

  it("answers /translate on the editor's selection with the editor command's prompt, streamed as Markdown with its buttons", async () => {
    local.server.enqueue({ kind: 'reply', text: 'Bonjour **le monde**.' });
    await openWithSelection('Before. «Hello world.» After.');
    const run = await ask('translate', 'French');
    const result = await run.done;
    const expected = buildTaskMessages(builtinTasks.translate, {
      text: 'Hello world.',
      variables: { target: 'French' },
      answerLanguage: 'auto',
    });
    assert.deepStrictEqual(unframed(chatRequests(local.server)[0]), unframed(expected));
    assert.strictEqual(run.markdown.join(''), 'Bonjour **le monde**.');
    assert.deepStrictEqual(
      run.buttons.map((button) => button.title),
      ['Insert at Cursor', 'Review as Replacement', 'Continue in Inkwell Chat'],
    );
    assert.strictEqual(result.errorDetails, undefined);
  });

  it('stops when the request is cancelled: the server sees the disconnect, and no buttons follow the partial answer', async () => {
    local.server.enqueue({ kind: 'reply', text: 'word '.repeat(400), tokensPerSecond: 40 });
    await openWithSelection('«A paragraph to make longer.»');
    const run = await ask('longer');
    await waitFor(() => run.markdown.length > 0, 'the first Markdown chunk');
    run.cancel();
    const disconnected = await local.server.waitForDisconnect(5000);
    assert.strictEqual(disconnected.clientClosedEarly, true);
    const result = await run.done;
    const streamed = run.markdown.join('');
    assert.ok(streamed.length > 0 && streamed.length < 'word '.repeat(400).length, 'part of the answer arrived');
    assert.deepStrictEqual(run.buttons, []);
    assert.strictEqual(result.errorDetails, undefined, 'a stop is not a failure');
  });

  it('shows a failure as an error message with the buttons to its fix, not as an answer', async () => {
    local.server.enqueue(openaiErrors.invalidApiKey());
    await openWithSelection('«Some text to improve.»');
    const run = await ask('improve');
    const result = await run.done;
    assert.match(result.errorDetails?.message ?? '', /No key stored for .* \(401\). Run "Inkwell: Set API Key"/);
    assert.strictEqual(run.markdown.join(''), '', 'the error is not written as the answer');
    assert.deepStrictEqual(
      run.buttons.map((button) => [button.title, button.command]),
      [
        ['Set API Key', 'inkwell.setApiKey'],
        ['Choose Provider', 'inkwell.chooseProvider'],
      ],
    );
  });

  it('asks for text when a command has nothing to work on, and sends nothing', async () => {
    await openWithSelection('‸');
    const run = await ask('improve');
    await run.done;
    assert.match(run.markdown.join(''), /no text for that command/);
    assert.strictEqual(local.server.requests.length, 0);
  });

  it('inserts the answer at the cursor with its button', async () => {
    local.server.enqueue({ kind: 'reply', text: 'A short summary.' });
    const editor = await openWithSelection('«A long text.»');
    const run = await ask('summarize');
    await run.done;
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(0));
    const insert = run.buttons.find((button) => button.title === 'Insert at Cursor')!;
    const result = await vscode.commands.executeCommand<CommandResult>(insert.command, ...(insert.arguments ?? []));
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(editor.document.getText(), 'A short summary.A long text.');
  });

  it('reviews the answer as tracked changes of the selection, which Accept applies', async () => {
    await setSettings({ 'review.style': 'inline' });
    local.server.enqueue({ kind: 'reply', text: 'Clear text.' });
    const editor = await openWithSelection('Keep. «Muddled text.» Keep.');
    const run = await ask('improve');
    await run.done;
    const review = run.buttons.find((button) => button.title === 'Review as Replacement')!;
    const opened = await vscode.commands.executeCommand<CommandResult>(review.command, ...(review.arguments ?? []));
    assert.strictEqual(opened.status, 'done');
    assert.ok(opened.reviewId !== undefined, 'the answer waits in a review');
    const changes = await vscode.commands.executeCommand<CommandResult>('inkwell.review.changes', { reviewId: opened.reviewId });
    assert.ok(changes.changes && changes.changes.length > 0, 'the review shows tracked changes');
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: opened.reviewId });
    assert.strictEqual(editor.document.getText(), 'Keep. Clear text. Keep.');
  });

  it("continues the exchange in Inkwell's own chat, with the question and the answer", async () => {
    local.server.enqueue({ kind: 'reply', text: 'Three short points.' });
    await openWithSelection('«Notes about the trip.»');
    const run = await ask('summarize');
    await run.done;
    const continuing = run.buttons.find((button) => button.title === 'Continue in Inkwell Chat')!;
    const result = await vscode.commands.executeCommand<CommandResult>(continuing.command, ...(continuing.arguments ?? []));
    assert.strictEqual(result.status, 'done');
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-participant-')), 'chat.md');
    try {
      await vscode.commands.executeCommand('inkwell.chat.exportConversation', target, { confirmed: true });
      const exported = fs.readFileSync(target, 'utf8');
      assert.match(exported, /\/summarize/);
      assert.match(exported, /Three short points\./);
    } finally {
      fs.rmSync(path.dirname(target), { recursive: true, force: true });
    }
  });
});
