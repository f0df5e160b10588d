import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { openWithSelection, setSettings, useLocalServer, waitFor } from './editorTestKit';

/** Edits the source document the way a user does once they switch back to it (the diff now covers its editor). */
async function insertAt(document: vscode.TextDocument, position: vscode.Position, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, position, text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

function diffTab(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

describe('Reviewing a proposal as a diff', () => {
  const local = useLocalServer();
  // This suite is about the side-by-side review; tracked changes have their own (trackedChanges.test.ts).
  before(() => setSettings({ 'review.style': 'sideBySide' }));
  after(() => setSettings({ 'review.style': undefined }));

  it('shows the original on the left and the proposal on the right, on virtual inkwell-review documents', async () => {
    await openWithSelection('Keep this. «Change this.» Keep that.');
    local.server.enqueue({ kind: 'reply', text: 'Changed!' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'done');
    const diff = diffTab();
    assert.ok(diff, 'a diff editor is active');
    assert.strictEqual(diff.original.scheme, 'inkwell-review');
    assert.strictEqual(diff.modified.scheme, 'inkwell-review');
    assert.strictEqual((await vscode.workspace.openTextDocument(diff.original)).getText(), 'Keep this. Change this. Keep that.');
    assert.strictEqual((await vscode.workspace.openTextDocument(diff.modified)).getText(), 'Keep this. Changed! Keep that.');
    await vscode.commands.executeCommand('inkwell.review.reject');
  });

  it('streams the proposal into the diff while it is written', async () => {
    await openWithSelection('«Original words.»');
    const proposalText = `one two three four ${'five six seven '.repeat(10)}eleven twelve`;
    local.server.enqueue({ kind: 'reply', text: proposalText, tokensPerSecond: 25 });
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await waitFor(() => diffTab() !== undefined, 'the diff editor');
    const proposal = await vscode.workspace.openTextDocument(diffTab()!.modified);
    await waitFor(() => proposal.getText().startsWith('one two') && !proposal.getText().includes('twelve'), 'a partial proposal');
    const result = await running;
    assert.strictEqual(proposal.getText(), proposalText);
    await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
  });

  it('applies the proposal on Accept, and one undo restores the original', async () => {
    const editor = await openWithSelection('Before. «Old sentence.» After.');
    local.server.enqueue({ kind: 'reply', text: 'New sentence.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(editor.document.getText(), 'Before. Old sentence. After.', 'nothing changes before Accept');
    const accepted = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(accepted.status, 'done');
    assert.strictEqual(editor.document.getText(), 'Before. New sentence. After.');
    assert.strictEqual(diffTab(), undefined, 'the review is closed');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), 'Before. Old sentence. After.');
  });

  it('leaves the document byte-identical on Reject', async () => {
    const editor = await openWithSelection('Line 1\r\n«Line 2 with trailing space »\r\nLine 3');
    const before = editor.document.getText();
    const version = editor.document.version;
    local.server.enqueue({ kind: 'reply', text: 'Rewritten.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), before);
    assert.strictEqual(editor.document.version, version);
    assert.strictEqual(diffTab(), undefined);
  });

  it("does not clobber an original that changed during the proposal: cancel keeps the user's text", async () => {
    const editor = await openWithSelection('«The draft sentence.»');
    local.server.enqueue({ kind: 'reply', text: 'The polished sentence.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await insertAt(editor.document, new vscode.Position(0, 4), 'user-typed ');
    const outcome = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', {
      reviewId: result.reviewId,
      ifChanged: 'cancel',
    });
    assert.strictEqual(outcome.status, 'cancelled');
    assert.strictEqual(editor.document.getText(), 'The user-typed draft sentence.');
  });

  it('applies anyway over a changed original only when the user chooses to', async () => {
    const editor = await openWithSelection('Intro. «The draft.»');
    local.server.enqueue({ kind: 'reply', text: 'The final.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await insertAt(editor.document, new vscode.Position(0, 0), 'New first line.\n');
    await insertAt(editor.document, new vscode.Position(1, 11), 'rough ');
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId, ifChanged: 'apply' });
    assert.strictEqual(editor.document.getText(), 'New first line.\nIntro. The final.');
  });

  it('offers the proposal as a new document instead when the original changed', async () => {
    const editor = await openWithSelection('«Alpha beta.»');
    local.server.enqueue({ kind: 'reply', text: 'Gamma delta.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await insertAt(editor.document, new vscode.Position(0, 5), '!');
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId, ifChanged: 'openDocument' });
    assert.strictEqual(editor.document.getText(), 'Alpha! beta.');
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), 'Gamma delta.');
  });

  it('moves the replaced range along when the user edits above it, and applies at the right place', async () => {
    const editor = await openWithSelection('Top.\n«Target text.»\nBottom.');
    local.server.enqueue({ kind: 'reply', text: 'Replaced.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await insertAt(editor.document, new vscode.Position(0, 0), 'Added above.\n');
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), 'Added above.\nTop.\nReplaced.\nBottom.');
  });

  it('keeps the partial proposal in the review, marked incomplete, when the stream fails, and the document untouched', async () => {
    const editor = await openWithSelection('«Original.»');
    local.server.enqueue({ kind: 'disconnect', text: 'Partial proposal that never ends', afterChunks: 3 });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'error');
    assert.match(result.message!, /in the review/);
    const proposal = await vscode.workspace.openTextDocument(diffTab()!.modified);
    assert.ok(proposal.getText().startsWith(`${result.text}\n\n[Inkwell: incomplete.`), proposal.getText());
    assert.ok(result.text!.startsWith('Partial'));
    assert.strictEqual(editor.document.getText(), 'Original.');
  });
});
