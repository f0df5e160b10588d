import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/shared/commandResult';
import { openWithSelection, setSettings, useLocalServer } from './editorTestKit';

const original = 'Install it with `npm ci`, then read [the guide](https://example.com/guide) and the FAQ at https://example.com/faq.';
/** A rewrite that keeps the code but points the guide elsewhere and drops the FAQ's address. */
const dropsTwoLinks = 'Install it with `npm ci`. Then read [the guide](https://example.com/guides) and the FAQ.';
/** A translation that keeps every link target and code span. */
const keepsAll = '用 `npm ci` 安装，然后阅读[指南](https://example.com/guide)和 https://example.com/faq 上的常见问题。';

async function lensTitles(document: vscode.TextDocument): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

describe('Answer checks: a rewrite that drops links or code is flagged in the review', () => {
  const local = useLocalServer();
  after(() => setSettings({ 'review.style': undefined }));

  for (const style of ['inline', 'sideBySide'] as const) {
    for (const [command, args] of [
      ['inkwell.improve', undefined],
      ['inkwell.translate', { target: 'Simplified Chinese' }],
      ['inkwell.editWithInstruction', { instruction: 'Make it friendlier.' }],
    ] as const) {
      it(`flags the two changed links of a ${command} reviewed ${style === 'inline' ? 'as tracked changes' : 'side by side'}, and leaves the text as it was`, async () => {
        await setSettings({ 'review.style': style });
        const editor = await openWithSelection(`«${original}»`);
        local.server.enqueue({ kind: 'reply', text: dropsTwoLinks });
        const result = await vscode.commands.executeCommand<CommandResult>(command, ...(args ? [args] : []));
        assert.strictEqual(result.status, 'done', JSON.stringify(result));
        assert.strictEqual(result.message, 'Inkwell: check the proposal before accepting: 2 links changed or missing.');
        assert.strictEqual(editor.document.getText(), original, 'nothing is applied before the writer decides');
        if (style === 'inline') {
          assert.ok(
            (await lensTitles(editor.document)).includes('$(warning) check before accepting: 2 links changed or missing'),
            (await lensTitles(editor.document)).join(' | '),
          );
        }
        await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
        assert.strictEqual(editor.document.getText(), original);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });
    }
  }

  it('says nothing when a translation keeps every link target and code span, though the words around them change', async () => {
    await setSettings({ 'review.style': 'inline' });
    const editor = await openWithSelection(`«${original}»`);
    local.server.enqueue({ kind: 'reply', text: keepsAll });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.translate', { target: 'Simplified Chinese' });
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(result.message, undefined);
    assert.ok(!(await lensTitles(editor.document)).some((title) => title.includes('check before accepting')));
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), keepsAll);
  });

  it("does not check a summary, whose answer is not meant to keep the text's links", async () => {
    const editor = await openWithSelection(`«${original}»`);
    local.server.enqueue({ kind: 'reply', text: 'How to install it.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(result.message, undefined);
    assert.ok(editor.document.getText().endsWith('How to install it.'));
  });
});
