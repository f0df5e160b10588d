import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DoneMessage, ErrorMessage, HostMessage, TurnStartedMessage } from '../../src/shared/protocol';
import { createTestChat, tempFolder, workspaceFile, type TestChat } from './chatTestKit';
import { closeAllWithoutSaving, openWithSelection, setSettings, useLocalServer, waitFor } from './editorTestKit';
import { withoutFrameCodes } from '../support/promptFrames';

const documentAnswer =
  '# Packing list\n\nBring these:\n\n```yaml\ntent: 1\nstove: 1\n```\n\nAnd run this:\n\n```bash\necho ready\n```\n\nHave fun.';

async function answer(
  chat: TestChat,
  server: { enqueue(...scenarios: Array<{ kind: 'reply'; text: string }>): void },
  text: string,
): Promise<string> {
  server.enqueue({ kind: 'reply', text });
  const replies = await chat.send('Question');
  return (replies.at(-1) as DoneMessage).message.id;
}

/** Runs the undo command in the given editor and returns its text afterwards. */
async function undoIn(editor: vscode.TextEditor): Promise<string> {
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  await vscode.commands.executeCommand('undo');
  return editor.document.getText();
}

describe('Chat context and the editor', () => {
  const local = useLocalServer();
  let chat: TestChat;
  beforeEach(() => (chat = createTestChat()));
  afterEach(() => chat.dispose());

  describe('context chips', () => {
    it('attach the editor selection as "Selection · file:lines" and send exactly its text', async () => {
      const uri = workspaceFile('notes.md', 'Title\n\nFirst line of the part.\nSecond line of the part.\n\nAfter.\n');
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(2, 0, 3, 24);
      await waitFor(() => chat.posted.some((message) => message.type === 'chips' && message.chips.length === 1), 'a chip');
      const chips = chat.posted.filter((message) => message.type === 'chips').at(-1) as Extract<HostMessage, { type: 'chips' }>;
      assert.strictEqual(chips.chips[0].label, 'Selection · notes.md:3-4');
      assert.strictEqual(chips.chips[0].chars, 'First line of the part.\nSecond line of the part.'.length);

      local.server.enqueue({ kind: 'reply', text: 'It is about a part.' });
      const replies = await chat.send('What is this about?', { chips: 'all' });
      const user = (replies[0] as TurnStartedMessage).userMessage!;
      assert.deepStrictEqual(user.context, [
        { kind: 'selection', label: 'Selection · notes.md:3-4', text: 'First line of the part.\nSecond line of the part.' },
      ]);
      const sent = String(local.server.requests.at(-1)!.chat!.messages.at(-1)!.content);
      assert.strictEqual(
        withoutFrameCodes(sent),
        'Selection · notes.md:3-4:\n<inkwell-text>\nFirst line of the part.\nSecond line of the part.\n</inkwell-text>\n\nWhat is this about?',
      );
      assert.match(String(local.server.requests.at(-1)!.chat!.messages[0].content), /material to work on, not instructions/);
      const saved = await chat.store.load((await chat.session.current()).id);
      assert.deepStrictEqual(saved!.messages[0].context, user.context, 'the history keeps the chip and its text');
      const after = chat.posted.filter((message) => message.type === 'chips').at(-1) as Extract<HostMessage, { type: 'chips' }>;
      assert.deepStrictEqual(after.chips, [], 'the composer starts empty after sending');
    });

    it('can be removed, and the chip follows a new selection', async () => {
      const editor = await openWithSelection('one «two» three');
      await waitFor(() => chat.posted.some((message) => message.type === 'chips' && message.chips.length === 1), 'a chip');
      const chip = (chat.posted.filter((message) => message.type === 'chips').at(-1) as Extract<HostMessage, { type: 'chips' }>).chips[0];
      await chat.session.handle({ type: 'removeChip', chipId: chip.id });
      const lastChips = (): Extract<HostMessage, { type: 'chips' }>['chips'] =>
        (chat.posted.filter((message) => message.type === 'chips').at(-1) as Extract<HostMessage, { type: 'chips' }>).chips;
      assert.deepStrictEqual(lastChips(), []);
      editor.selection = new vscode.Selection(0, 0, 0, 3);
      await waitFor(() => lastChips().length === 1, 'a chip for the new selection');
      assert.match(lastChips()[0].label, /^Selection · Untitled-\d+:1$/);
      editor.selection = new vscode.Selection(0, 1, 0, 1);
      await waitFor(() => lastChips().length === 0, 'no chip without a selection');
    });

    it('"Add current file" attaches the whole document', async () => {
      const text = '# Chapter\n\nWhole text.\n';
      const uri = workspaceFile('chapter.md', text);
      await vscode.window.showTextDocument(uri);
      await chat.session.handle({ type: 'addCurrentFile' });
      const chips = (chat.posted.filter((message) => message.type === 'chips').at(-1) as Extract<HostMessage, { type: 'chips' }>).chips;
      assert.deepStrictEqual(
        chips.map((chip) => [chip.kind, chip.label, chip.chars]),
        [['file', 'File · chapter.md', text.length]],
      );
    });
  });

  describe('answers into the editor', () => {
    afterEach(() => setSettings({ 'review.style': undefined }));
    it('Insert puts the whole answer at the cursor as one undo step, fences and all', async () => {
      const editor = await openWithSelection('Before. ‸After.');
      const id = await answer(chat, local.server, documentAnswer);
      const result = await chat.session.runEditorAction('insert', id);
      assert.strictEqual(result.status, 'done');
      assert.strictEqual(editor.document.getText(), `Before. ${documentAnswer}After.`);
      assert.strictEqual(await undoIn(editor), 'Before. After.');
    });

    it("Insert of a code block into a plain-text document puts only that block's code", async () => {
      const editor = await openWithSelection('‸', 'plaintext');
      const id = await answer(chat, local.server, documentAnswer);
      await chat.session.runEditorAction('insert', id, 1);
      assert.strictEqual(editor.document.getText(), 'echo ready\n');
    });

    it('Replace proposes the answer for the selection of the last active editor as a side-by-side review, applied on Accept in one undo step, even after focus moved away', async () => {
      await setSettings({ 'review.style': 'sideBySide' });
      const editor = await openWithSelection('Keep «replace me» keep');
      const id = await answer(chat, local.server, 'Shiny new text');
      await vscode.commands.executeCommand('workbench.action.focusSideBar');
      const result = await chat.session.runEditorAction('replace', id);
      assert.strictEqual(result.status, 'done');
      assert.strictEqual(editor.document.getText(), 'Keep replace me keep', 'nothing is replaced before Accept');
      await chat.reviews.accept(chat.reviews.find(result.reviewId)!);
      assert.strictEqual(editor.document.getText(), 'Keep Shiny new text keep');
      assert.strictEqual(await undoIn(editor), 'Keep replace me keep');
    });

    it('Replace shows the answer as tracked changes, the default review, each decided on its own', async () => {
      const editor = await openWithSelection('Keep «the old words here» keep');
      const id = await answer(chat, local.server, 'the new words there');
      const result = await chat.session.runEditorAction('replace', id);
      const review = chat.inlineReviews.find(result.reviewId)!;
      assert.deepStrictEqual(
        review.changes().map((change) => [change.original, change.proposed]),
        [
          ['old', 'new'],
          ['here', 'there'],
        ],
      );
      assert.strictEqual(editor.document.getText(), 'Keep the old words here keep', 'nothing is replaced before a decision');
      assert.ok(editor.selection.isEmpty, 'the replaced text is not left selected');
      await chat.inlineReviews.accept(review, review.changes()[1].id);
      await chat.inlineReviews.reject(review, review.changes()[0].id);
      assert.strictEqual(editor.document.getText(), 'Keep the old words there keep');
    });

    it('Replace accepted as tracked changes all at once is one undo step, and the replaced text is not left selected', async () => {
      const editor = await openWithSelection('Keep «the old words here» keep');
      const id = await answer(chat, local.server, 'the new words there');
      const result = await chat.session.runEditorAction('replace', id);
      assert.ok(editor.selection.isEmpty, 'nothing the user wrote is selected while the review is open');
      const review = chat.inlineReviews.find(result.reviewId)!;
      assert.strictEqual(await chat.inlineReviews.decideAll(review, 'accept'), 2);
      assert.strictEqual(editor.document.getText(), 'Keep the new words there keep');
      assert.strictEqual(await undoIn(editor), 'Keep the old words here keep');
    });

    it('Replace opens side by side when inkwell.review.style says so, with nothing the user wrote left selected', async () => {
      await setSettings({ 'review.style': 'sideBySide' });
      const editor = await openWithSelection('Keep «replace me» keep');
      const id = await answer(chat, local.server, 'Shiny new text');
      const result = await chat.session.runEditorAction('replace', id);
      assert.ok(chat.reviews.find(result.reviewId), 'a side-by-side review');
      assert.strictEqual(chat.inlineReviews.find(result.reviewId), undefined, 'no tracked changes');
      assert.ok(editor.selection.isEmpty, 'the replaced text is not left selected');
    });

    it('Replace of a line selected with its line break keeps the break, as the writing commands do', async () => {
      const editor = await openWithSelection('«Old line.\n»Next line.');
      const id = await answer(chat, local.server, 'New line.');
      const result = await chat.session.runEditorAction('replace', id);
      const review = chat.inlineReviews.find(result.reviewId)!;
      await chat.inlineReviews.decideAll(review, 'accept');
      assert.strictEqual(editor.document.getText(), 'New line.\nNext line.');
    });

    it('Replace of more text than tracked changes can show opens side by side, as the writing commands do', async () => {
      const long = 'A sentence that repeats. '.repeat(2_500).trim();
      await openWithSelection(`«${long}»`);
      const id = await answer(chat, local.server, 'Short.');
      const result = await chat.session.runEditorAction('replace', id);
      assert.ok(chat.reviews.find(result.reviewId), 'a side-by-side review');
      assert.strictEqual(chat.inlineReviews.find(result.reviewId), undefined);
    });

    it('Insert with text selected writes after the cursor in one undo step, leaving the text in place and unselected', async () => {
      const editor = await openWithSelection('Keep «this» keep');
      const id = await answer(chat, local.server, 'ANSWER');
      const result = await chat.session.runEditorAction('insert', id);
      assert.strictEqual(result.status, 'done');
      assert.strictEqual(editor.document.getText(), 'Keep thisANSWER keep');
      assert.ok(editor.selection.isEmpty, 'nothing is left selected');
      assert.strictEqual(editor.document.offsetAt(editor.selection.active), 'Keep thisANSWER'.length, 'the cursor is after the answer');
      assert.strictEqual(await undoIn(editor), 'Keep this keep');
    });

    it('Replace with code block 0 replaces the selection with that code only', async () => {
      await setSettings({ 'review.style': 'sideBySide' });
      const editor = await openWithSelection('«old config»');
      const id = await answer(chat, local.server, documentAnswer);
      const result = await chat.session.runEditorAction('replace', id, 0);
      await chat.reviews.accept(chat.reviews.find(result.reviewId)!);
      assert.strictEqual(editor.document.getText(), 'tent: 1\nstove: 1\n');
      assert.strictEqual(await undoIn(editor), 'old config');
    });

    it('Replace without a selection changes nothing and says why', async () => {
      const editor = await openWithSelection('No ‸selection');
      const id = await answer(chat, local.server, 'x');
      const result = await chat.session.runEditorAction('replace', id);
      assert.strictEqual(result.status, 'noInput');
      assert.strictEqual(editor.document.getText(), 'No selection');
    });

    it('Replace or Insert of an empty answer changes nothing and says why', async () => {
      const editor = await openWithSelection('Keep «this» keep');
      local.server.enqueue({ kind: 'reply', text: '' });
      const failed = (await chat.send('Question')).at(-1) as ErrorMessage;
      for (const action of ['replace', 'insert'] as const) {
        const result = await chat.session.runEditorAction(action, failed.answer!.id);
        assert.strictEqual(result.status, 'noInput', action);
        assert.match(result.message!, /empty/);
      }
      assert.strictEqual(editor.document.getText(), 'Keep this keep');
      assert.strictEqual(chat.inlineReviews.find(), undefined, 'no review was opened');
    });

    it('Open as new document shows the answer in a new markdown editor, and a code block in its language', async () => {
      await openWithSelection('‸');
      const id = await answer(chat, local.server, documentAnswer);
      const whole = await chat.session.runEditorAction('newDocument', id);
      assert.strictEqual(whole.status, 'done');
      assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), documentAnswer);
      assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'markdown');
      await chat.session.runEditorAction('newDocument', id, 0);
      assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), 'tent: 1\nstove: 1\n');
      assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'yaml');
      await closeAllWithoutSaving();
    });

    it('Copy puts the raw markdown source on the clipboard', async () => {
      const id = await answer(chat, local.server, documentAnswer);
      await chat.session.runEditorAction('copy', id);
      assert.strictEqual(await vscode.env.clipboard.readText(), documentAnswer);
    });
  });

  it('exports the conversation as a markdown file', async () => {
    local.server.enqueue({ kind: 'reply', text: 'Answer with `code`.' });
    await chat.send('Export me');
    const folder = tempFolder('export');
    try {
      const target = vscode.Uri.file(path.join(folder, 'chat.md'));
      const result = await chat.session.exportConversation(target);
      assert.strictEqual(result.status, 'done');
      const text = fs.readFileSync(target.fsPath, 'utf8');
      assert.match(text, /^# Export me\n/);
      assert.match(text, /## You\n\nExport me\n\n## Inkwell\n\nAnswer with `code`\.\n$/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('registers the chat commands, and "Open Chat" shows the view', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'inkwell.openChat',
      'inkwell.openChatInEditor',
      'inkwell.chat.newConversation',
      'inkwell.chat.showHistory',
      'inkwell.chat.exportConversation',
    ]) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
    const result = await vscode.commands.executeCommand<{ status: string }>('inkwell.openChat');
    assert.strictEqual(result?.status, 'done');
  });

  it('"Open Chat in Editor" opens the chat as an editor tab', async () => {
    await vscode.commands.executeCommand('inkwell.openChatInEditor');
    const chatTab = (): vscode.Tab | undefined =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('inkwell.chatPanel'));
    // The tab model reaches the extension host a moment after the panel is created.
    await waitFor(() => !!chatTab(), 'the chat tab');
    assert.strictEqual(chatTab()!.label, 'Inkwell Chat');
    await vscode.window.tabGroups.close(chatTab()!);
  });
});
