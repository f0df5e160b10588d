import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { openWithSelection, useLocalServer, waitFor } from './editorTestKit';

/** Types as the user does: the keyboard's `type` command at a cursor, applied by VS Code itself. */
async function typeAt(editor: vscode.TextEditor, position: vscode.Position, text: string): Promise<void> {
  editor.selection = new vscode.Selection(position, position);
  await vscode.commands.executeCommand('type', { text });
}

describe('Streaming an answer into the document', () => {
  const local = useLocalServer();
  // Slow enough (about 2.5 s) that a loaded CI machine still acts while it streams.
  const slowReply = {
    kind: 'reply' as const,
    text: `one two three four five six seven eight nine ten ${'and more words '.repeat(10)}fourteen`,
    tokensPerSecond: 20,
  };

  it('keeps both the answer and what the user types elsewhere meanwhile', async () => {
    const editor = await openWithSelection('Heading\n\n«Source.»\n\nFooter');
    local.server.enqueue(slowReply);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('two'), 'streaming to start');
    await typeAt(editor, new vscode.Position(0, 7), ' typed above');
    const lastLine = editor.document.lineCount - 1;
    await typeAt(editor, new vscode.Position(lastLine, editor.document.lineAt(lastLine).text.length), ' typed below');
    const result = await running;
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(editor.document.getText(), `Heading typed above\n\nSource.\n\n${slowReply.text}\n\nFooter typed below`);
  });

  const original = 'Heading\n\nSource paragraph.\n\nFooter\n';

  // About 10 s: the workbench may take seconds to revert on a loaded machine, and the answer must still be streaming then.
  const slowerReply = { ...slowReply, tokensPerSecond: 5 };

  /** Summarizes the paragraph of a saved file with a slow reply, runs `command` once words have landed, and returns the result. */
  async function summarizeFileAndRun(file: string, command: string): Promise<{ editor: vscode.TextEditor; result: CommandResult }> {
    fs.writeFileSync(file, original);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    editor.selection = new vscode.Selection(2, 0, 2, 'Source paragraph.'.length);
    local.server.enqueue(slowerReply);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('two'), 'streaming to start');
    await vscode.commands.executeCommand(command);
    return { editor, result: await running };
  }

  it('stops writing the moment the document is closed with "Don\'t Save", and says so instead of "done"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-close-'));
    const file = path.join(dir, 'closing.md');
    try {
      const { result } = await summarizeFileAndRun(file, 'workbench.action.revertAndCloseActiveEditor');
      assert.strictEqual(result.status, 'cancelled', JSON.stringify(result));
      assert.match(result.message!, /closed/);
      await local.server.waitForDisconnect(2000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const reopened = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      assert.strictEqual(reopened.getText(), original, 'none of the answer stays in the reverted buffer');
      assert.strictEqual(fs.readFileSync(file, 'utf8'), original);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops writing when the document is reverted mid-stream, leaving the buffer equal to the file, and says so instead of "done"', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-revert-'));
    const file = path.join(dir, 'reverting.md');
    try {
      const { editor, result } = await summarizeFileAndRun(file, 'workbench.action.files.revert');
      assert.strictEqual(result.status, 'cancelled', JSON.stringify(result));
      assert.match(result.message!, /reverted/);
      await local.server.waitForDisconnect(2000);
      const requestsAfterStop = local.server.requests.length;
      assert.strictEqual(editor.document.getText(), original, 'none of the answer stays in the reverted buffer');
      // Long enough for several more edits at the pace the answer streamed.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.strictEqual(editor.document.getText(), original, 'nothing is written after the revert');
      assert.strictEqual(fs.readFileSync(file, 'utf8'), original);
      assert.strictEqual(local.server.requests.length, requestsAfterStop, 'no request after the revert');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops writing without losing anything when the user types inside the answer', async () => {
    const editor = await openWithSelection('«Source.»');
    local.server.enqueue(slowReply);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('three'), 'streaming to start');
    await typeAt(editor, editor.document.positionAt(editor.document.getText().length), ' MINE');
    const result = await running;
    assert.strictEqual(result.status, 'stopped');
    assert.match(result.message!, /writing stopped there/);
    const text = editor.document.getText();
    // The user's words stay where they typed them (our last word may have landed a moment before,
    // right after their cursor), and everything Inkwell wrote is exactly what it reports.
    assert.ok(text.includes(' MINE'), text);
    assert.strictEqual(text.replace(' MINE', ''), `Source.\n\n${result.text}`);
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

  it('leaves the document as it was after a whitespace-only answer, and says the answer was empty, not that anything was kept', async () => {
    const editor = await openWithSelection('Heading\n\n«Source.»\n\nFooter');
    local.server.enqueue({ kind: 'reply', text: '  \n\n \t \n' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(result.status, 'error', JSON.stringify(result));
    assert.match(result.message!, /empty answer/);
    assert.doesNotMatch(result.message!, /kept|arrived/);
    assert.strictEqual(editor.document.getText(), 'Heading\n\nSource.\n\nFooter');
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
