import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { lastUserMessage, openWithSelection, useLocalServer } from './editorTestKit';

function cursorOffset(editor: vscode.TextEditor): number {
  assert.strictEqual(editor.selections.length, 1);
  assert.ok(editor.selection.isEmpty, `nothing is selected, got ${JSON.stringify(editor.document.getText(editor.selection))}`);
  return editor.document.offsetAt(editor.selection.active);
}

describe('Where the cursor is, and what a command works on', () => {
  const local = useLocalServer();

  for (const [command, args, expected] of [
    ['inkwell.summarize', undefined, 'Intro.\n\nThe user paragraph.\n\nA short summary.‸\n\nOutro.'],
    ['inkwell.summarize', { output: 'insertAbove' }, 'Intro.\n\nA short summary.‸\n\nThe user paragraph.\n\nOutro.'],
    ['inkwell.continueWriting', undefined, 'Intro.\n\nThe user paragraph.A short summary.‸\n\nOutro.'],
  ] as const) {
    it(`after ${command} ${args ? JSON.stringify(args) : ''} the cursor sits after the inserted text and nothing is selected`, async () => {
      const marked =
        command === 'inkwell.continueWriting' ? 'Intro.\n\nThe user paragraph.‸\n\nOutro.' : 'Intro.\n\n«The user paragraph.»\n\nOutro.';
      const editor = await openWithSelection(marked);
      local.server.enqueue({ kind: 'reply', text: 'A short summary.' });
      const result = await vscode.commands.executeCommand<CommandResult>(command, ...(args ? [args] : []));
      assert.strictEqual(result.status, 'done');
      assert.strictEqual(editor.document.getText(), expected.replace('‸', ''));
      assert.strictEqual(cursorOffset(editor), expected.indexOf('‸'));
    });
  }

  it('after accepting a review the cursor sits after the new text and nothing is selected', async () => {
    const editor = await openWithSelection('Intro.\n\n«The user paragraph.»\n\nOutro.');
    local.server.enqueue({ kind: 'reply', text: 'The improved paragraph.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    const active = vscode.window.activeTextEditor!;
    assert.strictEqual(active.document, editor.document);
    assert.strictEqual(cursorOffset(active), 'Intro.\n\nThe improved paragraph.'.length);
  });

  it('does not select the paragraph it works on when there is no selection', async () => {
    const editor = await openWithSelection('Intro.\n\nThe user ‸paragraph.\n\nOutro.');
    local.server.enqueue({ kind: 'reply', text: 'Summary.' });
    await vscode.commands.executeCommand('inkwell.summarize');
    assert.match(lastUserMessage(local.server), /The user paragraph\./);
    assert.ok(editor.selection.isEmpty);
  });

  it('with the cursor on a heading, works on the whole section under it and stops at the next heading of its level', async () => {
    await openWithSelection(
      '# Title\n\n## First‸ section\n\nIts first paragraph.\n\n### A subsection\n\nDeeper text.\n\n```md\n## not a heading\n```\n\n## Second section\n\nNot included.',
    );
    local.server.enqueue({ kind: 'reply', text: 'Summary of the section.' });
    await vscode.commands.executeCommand('inkwell.summarize');
    const sent = lastUserMessage(local.server);
    assert.match(sent, /## First section\n\nIts first paragraph\.\n\n### A subsection\n\nDeeper text\.\n\n```md\n## not a heading\n```/);
    assert.doesNotMatch(sent, /Second section|Not included|# Title/);
  });
});
