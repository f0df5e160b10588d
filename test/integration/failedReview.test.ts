import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { openaiErrors } from '../support/openaiScenarios';
import { openWithSelection, setSettings, useLocalServer } from './editorTestKit';

function diffTab(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

const cutOff = { kind: 'disconnect', text: 'The rewritten first half of the paragraph, and then', afterChunks: 6 } as const;

describe('A review after a failure', () => {
  const local = useLocalServer();
  // This suite is about the side-by-side review; tracked changes have their own (trackedChanges.test.ts).
  before(() => setSettings({ 'review.style': 'sideBySide' }));
  after(() => setSettings({ 'review.style': undefined }));

  it('keeps what arrived in the diff, tells the user it cannot replace their text, and Accept changes nothing', async () => {
    const editor = await openWithSelection('Before.\n\n«The paragraph the user wrote.»\n\nAfter.');
    local.server.enqueue(cutOff);
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'error');
    assert.match(result.message!, /Your text is unchanged/);
    assert.match(result.message!, /cannot replace your text/);
    const proposal = await vscode.workspace.openTextDocument(diffTab()!.modified);
    assert.match(
      proposal.getText(),
      /^Before\.\n\nThe rewritten first half[^\n]*\n\n\[Inkwell: incomplete\. The connection to [^\]]+ This cannot replace your text\.\]\n\nAfter\.$/,
    );
    const accepted = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(accepted.status, 'error');
    assert.match(accepted.message!, /incomplete/);
    assert.strictEqual(editor.document.getText(), 'Before.\n\nThe paragraph the user wrote.\n\nAfter.');
    assert.ok(diffTab(), 'Accept leaves the review open for another choice');
  });

  it('inserts what arrived below the original on request, as one undo step, and closes the review', async () => {
    const editor = await openWithSelection('Before.\n\n«The paragraph the user wrote.»\n\nAfter.');
    local.server.enqueue(cutOff);
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    const used = await vscode.commands.executeCommand<CommandResult>('inkwell.review.usePartial', {
      reviewId: result.reviewId,
      as: 'insertBelow',
    });
    assert.strictEqual(used.status, 'done');
    assert.strictEqual(diffTab(), undefined);
    assert.strictEqual(editor.document.getText(), `Before.\n\nThe paragraph the user wrote.\n\n${result.text!.trim()}\n\nAfter.`);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), 'Before.\n\nThe paragraph the user wrote.\n\nAfter.');
  });

  it('opens what arrived as a new document, or copies it, leaving the original untouched', async () => {
    const editor = await openWithSelection('«The paragraph the user wrote.»');
    local.server.enqueue(cutOff);
    const first = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await vscode.commands.executeCommand('inkwell.review.usePartial', { reviewId: first.reviewId, as: 'newDocument' });
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), first.text);
    assert.strictEqual(editor.document.getText(), 'The paragraph the user wrote.');
    await vscode.window.showTextDocument(editor.document);
    local.server.enqueue(cutOff);
    const second = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await vscode.commands.executeCommand('inkwell.review.usePartial', { reviewId: second.reviewId, as: 'copy' });
    assert.strictEqual(await vscode.env.clipboard.readText(), second.text);
    assert.strictEqual(editor.document.getText(), 'The paragraph the user wrote.');
  });

  it('closes the diff when nothing arrived, and still refuses to accept the failed review', async () => {
    const editor = await openWithSelection('«The paragraph the user wrote.»');
    local.server.enqueue(openaiErrors.serverError());
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'error');
    assert.doesNotMatch(result.message!, /arrived/);
    assert.strictEqual(diffTab(), undefined, 'an empty proposal is not left open');
    const accepted = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(accepted.status, 'error');
    const used = await vscode.commands.executeCommand<CommandResult>('inkwell.review.usePartial', {
      reviewId: result.reviewId,
      as: 'insertBelow',
    });
    assert.strictEqual(used.status, 'noInput');
    assert.strictEqual(editor.document.getText(), 'The paragraph the user wrote.');
  });
});

describe('A tracked-changes review after a failure', () => {
  const local = useLocalServer();
  // No setting: tracked changes in the text are the default review.
  before(() => setSettings({ 'review.style': undefined }));
  const original = 'Before.\n\nThe paragraph the user wrote.\n\nAfter.';

  /** Improve Writing on the middle paragraph, cut off after some words arrived. */
  async function failedImprove(): Promise<{ editor: vscode.TextEditor; result: CommandResult }> {
    const editor = await openWithSelection('Before.\n\n«The paragraph the user wrote.»\n\nAfter.');
    local.server.enqueue(cutOff);
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'error', JSON.stringify(result));
    assert.strictEqual(diffTab(), undefined, 'the review is in the text, not side by side');
    assert.strictEqual(editor.document.getText(), original, 'a failed review leaves no marks in the text');
    return { editor, result };
  }

  it('inserts what arrived below the original on request, as one undo step, with the cursor after it', async () => {
    const { editor, result } = await failedImprove();
    const used = await vscode.commands.executeCommand<CommandResult>('inkwell.review.usePartial', {
      reviewId: result.reviewId,
      as: 'insertBelow',
    });
    assert.strictEqual(used.status, 'done', JSON.stringify(used));
    assert.match(used.text!, /^The rewritten first half/);
    const expected = `Before.\n\nThe paragraph the user wrote.\n\n${used.text}\n\nAfter.`;
    assert.strictEqual(editor.document.getText(), expected);
    assert.ok(editor.selection.isEmpty, 'nothing the user wrote is selected');
    assert.strictEqual(editor.document.offsetAt(editor.selection.active), expected.indexOf('\n\nAfter.'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original);
    const again = await vscode.commands.executeCommand<CommandResult>('inkwell.review.usePartial', {
      reviewId: result.reviewId,
      as: 'insertBelow',
    });
    assert.notStrictEqual(again.status, 'done', 'what arrived is used once; the review has ended');
  });

  it('opens what arrived as a new document, leaving the original untouched', async () => {
    const { editor, result } = await failedImprove();
    const used = await vscode.commands.executeCommand<CommandResult>('inkwell.review.usePartial', {
      reviewId: result.reviewId,
      as: 'newDocument',
    });
    assert.strictEqual(used.status, 'done', JSON.stringify(used));
    const opened = vscode.window.activeTextEditor!.document;
    assert.notStrictEqual(opened, editor.document);
    assert.ok(opened.isUntitled);
    assert.strictEqual(opened.getText(), used.text);
    assert.match(opened.getText(), /^The rewritten first half/);
    assert.strictEqual(editor.document.getText(), original);
  });

  it('copies what arrived, leaving the original untouched', async () => {
    const { editor, result } = await failedImprove();
    await vscode.env.clipboard.writeText('');
    const used = await vscode.commands.executeCommand<CommandResult>('inkwell.review.usePartial', {
      reviewId: result.reviewId,
      as: 'copy',
    });
    assert.strictEqual(used.status, 'done', JSON.stringify(used));
    assert.match(await vscode.env.clipboard.readText(), /^The rewritten first half/);
    assert.strictEqual(await vscode.env.clipboard.readText(), used.text);
    assert.strictEqual(editor.document.getText(), original);
  });
});
