import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult, ReviewChangeInfo } from '../../src/commands/services';
import { openaiErrors } from '../support/openaiScenarios';
import { echoFramedText, openWithSelection, setSettings, useLocalServer, waitFor } from './editorTestKit';

const original =
  'The writer jump over the lazy dog every morning. She was very happy about it!\r\n\r\n我们今天讨论人工智能的发展。它很重要。\r\nSee [the docs](https://a.example/x) for `npm ci`.';
/** What the model answers: LF line endings, as models write them. */
const proposed =
  'The writer jumps over the lazy dog each morning. She was happy about it!\n\n我们今天讨论人工智能的快速发展。它非常重要。\nSee [the guide](https://a.example/y) for `npm ci`.';

async function changesOf(reviewId: number | undefined): Promise<ReviewChangeInfo[]> {
  const result = await vscode.commands.executeCommand<CommandResult>('inkwell.review.changes', { reviewId });
  return result.changes ?? [];
}

function byProposal(changes: readonly ReviewChangeInfo[], proposal: string): ReviewChangeInfo {
  const found = changes.find((change) => change.proposed === proposal);
  assert.ok(found, `a change proposing ${JSON.stringify(proposal)} among ${JSON.stringify(changes.map((change) => change.proposed))}`);
  return found;
}

/** Opens a CRLF document with all of `original` selected and runs Improve Writing against `reply`. */
async function improveAll(
  server: ReturnType<typeof useLocalServer>['server'],
  text = original,
): Promise<{ editor: vscode.TextEditor; result: CommandResult }> {
  const editor = await openWithSelection(`«${text}»`);
  await editor.edit((builder) => builder.setEndOfLine(vscode.EndOfLine.CRLF));
  editor.selection = new vscode.Selection(new vscode.Position(0, 0), editor.document.positionAt(editor.document.getText().length));
  server.enqueue({ kind: 'reply', text: proposed, tokensPerSecond: 400 });
  const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
  return { editor, result };
}

describe('Reviewing a rewrite as tracked changes in the text', () => {
  const local = useLocalServer();
  // No setting: tracked changes are the default review.
  before(() => setSettings({ 'review.style': undefined }));

  it('shows the rewrite as word-level changes and leaves the document as it was until a decision', async () => {
    const { editor, result } = await improveAll(local.server);
    assert.strictEqual(result.status, 'done');
    assert.ok(typeof result.reviewId === 'number');
    const changes = await changesOf(result.reviewId);
    assert.deepStrictEqual(
      changes.map((change) => [change.original, change.proposed]),
      [
        ['jump', 'jumps'],
        ['every', 'each'],
        ['very ', ''],
        ['', '快速'],
        ['很', '非常'],
        ['[the docs](https://a.example/x)', '[the guide](https://a.example/y)'],
      ],
    );
    assert.ok(changes.every((change) => change.state === 'pending'));
    assert.strictEqual(editor.document.getText(), original, 'the proposal lives in decorations, not in the text');
    assert.deepStrictEqual(changes[0].range, { start: { line: 0, character: 11 }, end: { line: 0, character: 15 } });
    assert.ok(editor.selection.isEmpty, 'nothing the writer wrote is left selected');
  });

  it('applies exactly the two accepted changes of six, byte for byte with CRLF, and one undo afterwards reverts both', async () => {
    const { editor, result } = await improveAll(local.server);
    const changes = await changesOf(result.reviewId);
    const accepted = await vscode.commands.executeCommand<CommandResult>('inkwell.review.acceptChange', {
      reviewId: result.reviewId,
      changeId: byProposal(changes, 'jumps').id,
    });
    assert.strictEqual(accepted.status, 'done');
    await vscode.commands.executeCommand('inkwell.review.acceptChange', {
      reviewId: result.reviewId,
      changeId: byProposal(changes, '非常').id,
    });
    for (const change of await changesOf(result.reviewId)) {
      if (change.state === 'pending')
        await vscode.commands.executeCommand('inkwell.review.rejectChange', { reviewId: result.reviewId, changeId: change.id });
    }
    const expected =
      'The writer jumps over the lazy dog every morning. She was very happy about it!\r\n\r\n我们今天讨论人工智能的发展。它非常重要。\r\nSee [the docs](https://a.example/x) for `npm ci`.';
    assert.strictEqual(editor.document.getText(), expected);
    assert.strictEqual(
      (await vscode.commands.executeCommand<CommandResult>('inkwell.review.changes', { reviewId: result.reviewId })).status,
      'noInput',
      'the review ended with its last decision',
    );
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original, 'one undo takes the whole operation back');
  });

  it('accepts every change with Accept All and leaves the text untouched with Reject All', async () => {
    let { editor, result } = await improveAll(local.server);
    assert.strictEqual(
      (await vscode.commands.executeCommand<CommandResult>('inkwell.review.acceptAll', { reviewId: result.reviewId })).status,
      'done',
    );
    assert.strictEqual(editor.document.getText(), proposed.replace(/\n/g, '\r\n'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    ({ editor, result } = await improveAll(local.server));
    await vscode.commands.executeCommand('inkwell.review.rejectAll', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), original);
  });

  it('keeps Accept and Reject meaning all pending changes', async () => {
    const { editor, result } = await improveAll(local.server);
    const changes = await changesOf(result.reviewId);
    await vscode.commands.executeCommand('inkwell.review.rejectChange', { reviewId: result.reviewId, changeId: changes[0].id });
    assert.strictEqual(
      (await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', { reviewId: result.reviewId })).status,
      'done',
    );
    assert.strictEqual(editor.document.getText(), proposed.replace(/\n/g, '\r\n').replace('jumps', 'jump'));
  });

  it("takes back the last decision on undo, and undoes the writer's typing once no decision is left", async () => {
    const { editor, result } = await improveAll(local.server);
    const changes = await changesOf(result.reviewId);
    await vscode.commands.executeCommand('inkwell.review.acceptChange', { reviewId: result.reviewId, changeId: changes[0].id });
    await vscode.commands.executeCommand('inkwell.review.rejectChange', { reviewId: result.reviewId, changeId: changes[1].id });
    assert.ok(editor.document.getText().startsWith('The writer jumps'));
    let undone = await vscode.commands.executeCommand<CommandResult>('inkwell.review.undoDecision');
    assert.deepStrictEqual(
      undone.changes?.map((change) => [change.id, change.state]),
      [[changes[1].id, 'pending']],
    );
    undone = await vscode.commands.executeCommand<CommandResult>('inkwell.review.undoDecision');
    assert.deepStrictEqual(
      undone.changes?.map((change) => [change.id, change.state]),
      [[changes[0].id, 'pending']],
    );
    assert.strictEqual(editor.document.getText(), original);
    assert.ok((await changesOf(result.reviewId)).every((change) => change.state === 'pending'));
  });

  it('drops a pending change the writer types into, keeps the typing, and moves the others along with typing outside', async () => {
    const { editor, result } = await improveAll(local.server);
    const changes = await changesOf(result.reviewId);
    const jump = byProposal(changes, 'jumps');
    await editor.edit((builder) => builder.insert(new vscode.Position(jump.range.start.line, jump.range.start.character + 2), 'X'));
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'Title\r\n'));
    const after = await changesOf(result.reviewId);
    assert.strictEqual(after.find((change) => change.id === jump.id)!.state, 'rejected', 'the typed-over change is dropped');
    const every = after.find((change) => change.proposed === 'each')!;
    assert.strictEqual(every.range.start.line, 1, 'changes below move down with the new line');
    assert.strictEqual(editor.document.getText(), `Title\r\n${original.replace('jump', 'juXmp')}`);
    await vscode.commands.executeCommand('inkwell.review.acceptAll', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), `Title\r\n${proposed.replace(/\n/g, '\r\n').replace('jumps', 'juXmp')}`);
  });

  it('reviews a prompt template that replaces its text, and Translate, as tracked changes too', async () => {
    await setSettings({ prompts: [{ title: 'Plainer', prompt: 'Make the text plainer.', output: 'replace' }] });
    try {
      const editor = await openWithSelection('«The writer jump over the lazy dog.»');
      local.server.enqueue({ kind: 'reply', text: 'The writer jumps over the lazy dog.' });
      const templated = await vscode.commands.executeCommand<CommandResult>('inkwell.runPrompt', 'Plainer');
      assert.deepStrictEqual(
        (await changesOf(templated.reviewId)).map((change) => [change.original, change.proposed]),
        [['jump', 'jumps']],
      );
      await vscode.commands.executeCommand('inkwell.review.acceptAll', { reviewId: templated.reviewId });
      assert.strictEqual(editor.document.getText(), 'The writer jumps over the lazy dog.');
      editor.selection = new vscode.Selection(0, 0, 0, editor.document.getText().length);
      local.server.enqueue({ kind: 'reply', text: '作者跳过了那只懒狗。' });
      const translated = await vscode.commands.executeCommand<CommandResult>('inkwell.translate', {
        target: 'Simplified Chinese',
        output: 'replace',
      });
      assert.deepStrictEqual(
        (await changesOf(translated.reviewId)).map((change) => [change.original, change.proposed]),
        [['The writer jumps over the lazy dog.', '作者跳过了那只懒狗。']],
      );
      assert.strictEqual(
        editor.document.getText(),
        'The writer jumps over the lazy dog.',
        'a translation waits for a decision like any rewrite',
      );
    } finally {
      await setSettings({ prompts: undefined });
    }
  });

  for (const [title, command, arg] of [
    ['Fix Grammar', 'inkwell.fixGrammar', undefined],
    ['Shorter', 'inkwell.shorter', undefined],
    ['Longer', 'inkwell.longer', undefined],
    ['Change Tone', 'inkwell.changeTone', { tone: 'formal' }],
    ['Edit with Instruction', 'inkwell.editWithInstruction', { instruction: 'Use the past tense.' }],
  ] as const) {
    it(`reviews ${title} as tracked changes, one accepted and one rejected`, async () => {
      const editor = await openWithSelection('«The writer jump over the lazy dog every morning.»');
      local.server.enqueue({ kind: 'reply', text: 'The writer jumped over the lazy dog each morning.' });
      const result = await vscode.commands.executeCommand<CommandResult>(command, ...(arg ? [arg] : []));
      assert.strictEqual(result.status, 'done', JSON.stringify(result).slice(0, 300));
      const changes = await changesOf(result.reviewId);
      assert.deepStrictEqual(
        changes.map((change) => [change.original, change.proposed]),
        [
          ['jump', 'jumped'],
          ['every', 'each'],
        ],
      );
      assert.strictEqual(
        editor.document.getText(),
        'The writer jump over the lazy dog every morning.',
        'nothing changes before a decision',
      );
      await vscode.commands.executeCommand('inkwell.review.acceptChange', { reviewId: result.reviewId, changeId: changes[0].id });
      await vscode.commands.executeCommand('inkwell.review.rejectChange', { reviewId: result.reviewId, changeId: changes[1].id });
      assert.strictEqual(editor.document.getText(), 'The writer jumped over the lazy dog every morning.');
      assert.ok(
        editor.selections.every((selection) => selection.isEmpty),
        'nothing the writer wrote is left selected',
      );
    });
  }

  it('opens a rewrite of more than 60,000 characters side by side instead, and it still applies on Accept', async function () {
    this.timeout(60_000);
    const long =
      Array.from(
        { length: 300 },
        (_, i) =>
          `Paragraph ${i + 1} tells how the tides rise and fall twice a day along this stretch of the coast, a sentence of ordinary prose.`,
      ).join('\n\n') +
      '\n\n' +
      'More prose about the sea. '.repeat(1000);
    assert.ok(long.length > 60_000);
    const editor = await openWithSelection(`«${long}»`);
    local.server.setDefault((request) => ({ kind: 'reply', text: echoFramedText(request).text.replace(/tides/g, 'waves') }));
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'done', JSON.stringify(result).slice(0, 300));
    assert.ok(
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => tab.input instanceof vscode.TabInputTextDiff),
      'a side-by-side review is open',
    );
    assert.strictEqual(
      (await vscode.commands.executeCommand<CommandResult>('inkwell.review.changes', { reviewId: result.reviewId })).status,
      'noInput',
      'no tracked changes to decide one by one',
    );
    assert.strictEqual(editor.document.getText(), long, 'nothing changes before a decision');
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), long.replace(/tides/g, 'waves'));
  });

  it('moves the cursor from change to change, and accepts the change at the cursor without arguments', async () => {
    const { editor, result } = await improveAll(local.server);
    const changes = await changesOf(result.reviewId);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('inkwell.review.nextChange');
    assert.deepStrictEqual(
      [editor.selection.active.line, editor.selection.active.character],
      [changes[0].range.start.line, changes[0].range.start.character],
    );
    await vscode.commands.executeCommand('inkwell.review.nextChange');
    assert.strictEqual(editor.selection.active.character, changes[1].range.start.character);
    await vscode.commands.executeCommand('inkwell.review.previousChange');
    assert.strictEqual(editor.selection.active.character, changes[0].range.start.character);
    await vscode.commands.executeCommand('inkwell.review.acceptChange');
    assert.ok(editor.document.getText().startsWith('The writer jumps over'));
  });

  it('keeps the original on disk with autosave on until the writer decides, and leaves it intact when the document closes mid-review', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-tracked-'));
    const file = path.join(dir, 'draft.md');
    fs.writeFileSync(file, original);
    await vscode.workspace.getConfiguration('files').update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
      editor.selection = new vscode.Selection(new vscode.Position(0, 0), editor.document.positionAt(original.length));
      local.server.enqueue({ kind: 'reply', text: proposed });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.strictEqual(fs.readFileSync(file, 'utf8'), original, 'an undecided proposal never reaches the disk');
      await vscode.commands.executeCommand('inkwell.review.acceptChange', {
        reviewId: result.reviewId,
        changeId: (await changesOf(result.reviewId))[0].id,
      });
      await waitFor(() => fs.readFileSync(file, 'utf8') === original.replace('jump', 'jumps'), 'the accepted change saved', 5000);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await waitFor(
        () => editor.document.isClosed || !vscode.window.visibleTextEditors.some((each) => each.document === editor.document),
        'the document closed',
      );
      assert.strictEqual(fs.readFileSync(file, 'utf8'), original.replace('jump', 'jumps'), 'only the decided change is in the file');
    } finally {
      await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [name, reply] of [
    ['a 500', openaiErrors.serverError()],
    ['a connection dropped mid-answer', { kind: 'disconnect' as const, text: 'The writer jumps over the lazy dog each', afterChunks: 3 }],
    ['an empty answer', { kind: 'empty' as const }],
  ] as const) {
    it(`opens no changes to accept after ${name}, and the text stays as it was`, async () => {
      const editor = await openWithSelection(`«${original}»`);
      local.server.enqueue(reply);
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
      assert.strictEqual(result.status, 'error');
      const accept = await vscode.commands.executeCommand<CommandResult>('inkwell.review.accept', { reviewId: result.reviewId });
      assert.notStrictEqual(accept.status, 'done');
      assert.deepStrictEqual(await changesOf(result.reviewId), []);
      assert.strictEqual(
        editor.document.getText(),
        original.replace(/\r\n/g, editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'),
      );
    });
  }

  it('stops a cancelled rewrite with no changes to accept', async () => {
    const editor = await openWithSelection(`«${original}»`);
    local.server.enqueue({ kind: 'reply', text: `${proposed} ${'more words '.repeat(300)}`, tokensPerSecond: 40 });
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await waitFor(
      () => local.server.requests.at(-1)?.chunksSent !== undefined && local.server.requests.at(-1)!.chunksSent >= 5,
      'some text streamed',
      10_000,
    );
    await vscode.commands.executeCommand('inkwell.cancel');
    const result = await running;
    assert.notStrictEqual(result.status, 'done');
    assert.deepStrictEqual(await changesOf(result.reviewId), []);
    assert.strictEqual(editor.document.getText(), editor.document.getText().includes('\r\n') ? original : original.replace(/\r\n/g, '\n'));
  });
});
