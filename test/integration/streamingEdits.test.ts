import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { openWithSelection, useLocalServer, waitFor } from './editorTestKit';

describe('Streaming an answer into the document', () => {
  const local = useLocalServer();
  const slowReply = { kind: 'reply' as const, text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen', tokensPerSecond: 25 };

  it('keeps both the answer and what the user types elsewhere meanwhile', async () => {
    const editor = await openWithSelection('Heading\n\n«Source.»\n\nFooter');
    local.server.enqueue(slowReply);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('two'), 'streaming to start');
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 7), ' typed above'));
    const lastLine = editor.document.lineCount - 1;
    await editor.edit((builder) => builder.insert(new vscode.Position(lastLine, editor.document.lineAt(lastLine).text.length), ' typed below'));
    const result = await running;
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(editor.document.getText(), `Heading typed above\n\nSource.\n\n${slowReply.text}\n\nFooter typed below`);
  });

  it('stops writing without losing anything when the user types inside the answer', async () => {
    const editor = await openWithSelection('«Source.»');
    local.server.enqueue(slowReply);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('three'), 'streaming to start');
    const end = editor.document.positionAt(editor.document.getText().length);
    await editor.edit((builder) => builder.insert(end, ' MINE'));
    const result = await running;
    assert.strictEqual(result.status, 'stopped');
    assert.match(result.message!, /writing stopped there/);
    const text = editor.document.getText();
    assert.ok(text.endsWith(' MINE'), text);
    assert.ok(!text.includes('fourteen'), 'no more text written after the user typed');
    await local.server.waitForDisconnect(2000);
  });

  it('keeps the partial answer in the document when the stream fails, with an error that says so', async () => {
    const editor = await openWithSelection('«Source.»');
    local.server.enqueue({ kind: 'disconnect', text: 'alpha beta gamma delta', afterChunks: 2 });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(result.status, 'error');
    assert.match(result.message!, /kept in the document/);
    assert.strictEqual(editor.document.getText(), `Source.\n\n${result.text}`);
    assert.ok(result.text!.startsWith('alpha'));
  });

  it('cancels the request when the document is closed', async () => {
    const editor = await openWithSelection('«Source.»');
    local.server.enqueue(slowReply);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('two'), 'streaming to start');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const result = await running;
    assert.ok(result.status === 'cancelled', JSON.stringify(result));
    await local.server.waitForDisconnect(3000);
  });

  it('stops on Escape in the editor when nothing is selected, keeping the text', async () => {
    const editor = await openWithSelection('Source paragraph‸ here.');
    local.server.enqueue(slowReply);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('two'), 'streaming to start');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await waitFor(() => true, '');
    await vscode.commands.executeCommand('inkwell.cancel');
    const result = await running;
    assert.strictEqual(result.status, 'cancelled');
    assert.ok(editor.document.getText().includes('one two'));
  });
});
