import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { openaiErrors } from '../support/openaiScenarios';
import { lastSystemMessage, lastUserMessage, openWithSelection, testCommand, useLocalServer, waitFor } from './editorTestKit';
import { withoutFrameCodes } from '../support/promptFrames';

describe('Inkwell: Summarize Selection', () => {
  const local = useLocalServer();

  it('streams the reply below the selection', async () => {
    await testCommand(
      local.server,
      'inkwell.summarize',
      'Title\n«A long paragraph about tides.»\nNext line.',
      { kind: 'reply', text: 'Tides are explained.' },
      'Title\nA long paragraph about tides.\n\nTides are explained.\nNext line.',
    );
  });

  it('sends the selection, a summarizing instruction and the configured model, temperature and max tokens', async () => {
    await testCommand(
      local.server,
      'inkwell.summarize',
      '«The moon pulls the sea.»',
      { kind: 'reply', text: 'Moon, sea.' },
      'The moon pulls the sea.\n\nMoon, sea.',
    );
    const request = local.server.requests.filter((r) => r.chat).at(-1)!;
    const body = request.body as Record<string, unknown>;
    assert.strictEqual(body.model, 'test-model');
    assert.strictEqual(body.max_tokens, 777);
    assert.strictEqual(body.temperature, 0.3, 'summaries use the task temperature');
    assert.match(lastUserMessage(local.server), /^Summarize the text briefly/);
    assert.ok(lastUserMessage(local.server).includes('The moon pulls the sea.'));
    assert.match(lastSystemMessage(local.server), /same language as the text/);
  });

  it('takes the length and form as a command argument instead of the settings', async () => {
    await testCommand(
      local.server,
      'inkwell.summarize',
      '«Point one. Point two.»',
      { kind: 'reply', text: '- one\n- two' },
      'Point one. Point two.\n\n- one\n- two',
      { length: 'oneSentence', form: 'bullets' },
    );
    assert.match(lastUserMessage(local.server), /in a single sentence, as a Markdown bullet list/);
  });

  it('writes the whole insertion as one undo step', async () => {
    const { editor } = await testCommand(
      local.server,
      'inkwell.summarize',
      '«Some text.»',
      { kind: 'reply', text: 'word '.repeat(60).trim(), tokensPerSecond: 400 },
      `Some text.\n\n${'word '.repeat(60).trim()}`,
    );
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), 'Some text.');
  });

  it('batches streamed tokens into far fewer edits than tokens', async () => {
    const editor = await openWithSelection('«Text.»');
    local.server.enqueue({ kind: 'reply', text: 'token '.repeat(300), tokensPerSecond: 2000 });
    let changes = 0;
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === editor.document) changes++;
    });
    await vscode.commands.executeCommand('inkwell.summarize');
    listener.dispose();
    assert.ok(changes > 1, 'streamed in several edits');
    assert.ok(changes < 60, `300 tokens took ${changes} edits`);
  });

  it('keeps the partial text when cancelled mid-stream, and the server sees the connection close', async () => {
    const editor = await openWithSelection('«Text to summarize.»');
    local.server.enqueue({ kind: 'reply', text: `alpha beta gamma delta ${'more words '.repeat(20)}lambda mu`, tokensPerSecond: 20 });
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('beta'), 'some streamed text');
    await vscode.commands.executeCommand('inkwell.cancel');
    const result = await running;
    assert.strictEqual(result.status, 'cancelled');
    const disconnected = await local.server.waitForDisconnect(2000);
    assert.ok(disconnected.clientClosedEarly);
    const text = editor.document.getText();
    assert.ok(text.startsWith('Text to summarize.\n\nalpha beta'), text);
    assert.ok(!text.includes('lambda mu'), 'stopped before the end');
    assert.strictEqual(text, `Text to summarize.\n\n${result.text}`);
  });

  it('shows an error that offers "Set API Key" when the key is rejected, and changes nothing', async () => {
    const editor = await openWithSelection('«Text.»');
    local.server.enqueue(openaiErrors.invalidApiKey());
    // Only a key that was sent can be rejected.
    await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-wrong-key', { confirmed: true });
    let result: CommandResult;
    try {
      result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    } finally {
      await vscode.commands.executeCommand('inkwell.clearApiKey');
    }
    assert.strictEqual(result.status, 'error');
    assert.strictEqual(result.category, 'authFailed');
    assert.ok(result.actions?.includes('Set API Key'), JSON.stringify(result));
    assert.match(result.message!, /rejected the API key/);
    assert.strictEqual(editor.document.getText(), 'Text.');
  });

  it('summarizes the paragraph at the cursor when nothing is selected, and selects it', async () => {
    const editor = await openWithSelection('First paragraph.\n\nSecond ‸paragraph here.\n\nThird.');
    local.server.enqueue({ kind: 'reply', text: 'Summary.' });
    await vscode.commands.executeCommand('inkwell.summarize');
    assert.strictEqual(editor.document.getText(), 'First paragraph.\n\nSecond paragraph here.\n\nSummary.\n\nThird.');
    assert.ok(withoutFrameCodes(lastUserMessage(local.server)).includes('<inkwell-text>\nSecond paragraph here.\n</inkwell-text>'));
  });

  it('says clearly that there is nothing to summarize on a blank line and sends nothing', async () => {
    await openWithSelection('Text.\n\n‸\n\nMore.');
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(result.status, 'noInput');
    assert.match(result.message!, /select some text/);
    assert.strictEqual(local.server.requests.length, 0);
  });
});
