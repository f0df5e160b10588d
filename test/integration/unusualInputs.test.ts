import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { lastUserMessage, openWithSelection, testCommand, useLocalServer } from './editorTestKit';

describe('Unusual inputs', () => {
  const local = useLocalServer();

  it('answers into a new document when the source document is read-only', async () => {
    const registration = vscode.workspace.registerTextDocumentContentProvider('inkwell-test-readonly', {
      provideTextDocumentContent: () => 'A read-only paragraph to improve.',
    });
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('inkwell-test-readonly:/view.md'));
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 0, 0, document.getText().length);
      local.server.enqueue({ kind: 'reply', text: 'An improved paragraph.' });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
      assert.strictEqual(result.status, 'done');
      assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), 'An improved paragraph.');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.scheme, 'untitled');
      assert.strictEqual(document.getText(), 'A read-only paragraph to improve.');
    } finally {
      registration.dispose();
    }
  });

  it('rewrites a selection inside a fenced code block and leaves the fence intact', async () => {
    await testCommand(
      local.server,
      'inkwell.fixGrammar',
      'Text.\n\n```js\n«// teh loop»\nrun();\n```',
      { kind: 'reply', text: '// the loop' },
      'Text.\n\n```js\n// the loop\nrun();\n```',
    );
  });

  it('works on mixed Chinese and English text and keeps both', async () => {
    await testCommand(
      local.server,
      'inkwell.improve',
      '«我们用 TypeScript 写 VS Code 插件。»',
      { kind: 'reply', text: '我们使用 TypeScript 编写 VS Code 插件。' },
      '我们使用 TypeScript 编写 VS Code 插件。',
    );
    assert.ok(lastUserMessage(local.server).includes('我们用 TypeScript 写 VS Code 插件。'));
  });

  it('summarizes a markdown cell of a notebook into the cell', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(
      'jupyter-notebook',
      new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'Notebook prose about rivers.', 'markdown')]),
    );
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(0).document;
    const editor = await vscode.window.showTextDocument(cell);
    editor.selection = new vscode.Selection(0, 0, 0, cell.getText().length);
    local.server.enqueue({ kind: 'reply', text: 'Rivers.' });
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), cell.uri.toString(), 'the cell editor is active');
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(result.status, 'done', JSON.stringify(result));
    assert.strictEqual(cell.getText(), 'Notebook prose about rivers.\n\nRivers.');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('tells the user to open a document when no editor is active', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'noInput');
    assert.match(result.message!, /open a document/);
  });

  it('keeps working on an untitled document after an error', async () => {
    const editor = await openWithSelection('«Text.»');
    local.server.enqueue(
      { kind: 'error', status: 500, error: { message: 'boom', type: 'server_error', param: null, code: null } },
      { kind: 'reply', text: 'Fine now.' },
    );
    const failed = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(failed.category, 'serverError');
    assert.strictEqual(editor.document.getText(), 'Text.');
    await vscode.commands.executeCommand('inkwell.summarize');
    assert.strictEqual(editor.document.getText(), 'Text.\n\nFine now.');
  });
});
