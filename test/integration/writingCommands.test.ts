import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import {
  echoFramedText,
  lastSystemMessage,
  lastUserMessage,
  openUntitled,
  openWithSelection,
  setSettings,
  testCommand,
  useLocalServer,
} from './editorTestKit';
import { withoutFrameCodes } from '../support/promptFrames';

describe('Writing commands', () => {
  const local = useLocalServer();

  describe('each command sends its instruction and lands its answer where its mode says', () => {
    const cases: Array<{ command: string; args?: unknown; instruction: RegExp; before: string; reply: string; after: string }> = [
      {
        command: 'inkwell.improve',
        instruction: /^Improve the clarity and flow/,
        before: 'A «me and him went».',
        reply: 'he and I went',
        after: 'A he and I went.',
      },
      {
        command: 'inkwell.fixGrammar',
        instruction: /^Correct spelling, grammar and punctuation only/,
        before: '«teh cat sat»',
        reply: 'The cat sat.',
        after: 'The cat sat.',
      },
      {
        command: 'inkwell.shorter',
        instruction: /noticeably shorter/,
        before: '«This is a very long and wordy sentence.»',
        reply: 'A wordy sentence.',
        after: 'A wordy sentence.',
      },
      {
        command: 'inkwell.longer',
        instruction: /^Expand the text/,
        before: '«Cats sleep.»',
        reply: 'Cats sleep a lot, often sixteen hours a day.',
        after: 'Cats sleep a lot, often sixteen hours a day.',
      },
      {
        command: 'inkwell.changeTone',
        args: 'friendly',
        instruction: /in a friendly tone/,
        before: '«Submit the form.»',
        reply: 'Just send the form over!',
        after: 'Just send the form over!',
      },
      {
        command: 'inkwell.translate',
        args: 'French',
        instruction: /^Translate the text into the language named here: «French»/,
        before: '«Good morning.»',
        reply: 'Bonjour.',
        after: 'Bonjour.',
      },
      {
        command: 'inkwell.editWithInstruction',
        args: 'make it a question',
        instruction: /^Apply this instruction to the text: make it a question/,
        before: '«You are ready.»',
        reply: 'Are you ready?',
        after: 'Are you ready?',
      },
      {
        command: 'inkwell.explain',
        instruction: /^Explain the text in plain words/,
        before: '«Entropy rises.»',
        reply: 'Disorder grows.',
        after: 'Entropy rises.\n\nDisorder grows.',
      },
      {
        command: 'inkwell.outline',
        instruction: /^Write an outline/,
        before: '«Intro. Body. End.»',
        reply: '- Intro\n- Body\n- End',
        after: 'Intro. Body. End.\n\n- Intro\n- Body\n- End',
      },
      {
        command: 'inkwell.continueWriting',
        instruction: /^Continue writing from exactly where the text ends/,
        before: 'Once upon a time‸',
        reply: ' there was a cat.',
        after: 'Once upon a time there was a cat.',
      },
      {
        command: 'inkwell.summarizeWithOptions',
        args: { length: 'detailed', form: 'tldr' },
        instruction: /in detail.*TL;DR/,
        before: '«Long story.»',
        reply: 'TL;DR: story.',
        after: 'Long story.\n\nTL;DR: story.',
      },
    ];
    for (const entry of cases) {
      it(`${entry.command} sends "${entry.instruction.source.slice(0, 40)}" and lands the answer`, async () => {
        await testCommand(local.server, entry.command, entry.before, { kind: 'reply', text: entry.reply }, entry.after, entry.args);
        assert.match(lastUserMessage(local.server), entry.instruction);
        const body = local.server.requests.filter((r) => r.chat).at(-1)!.body as { model: string; max_tokens: number };
        assert.strictEqual(body.model, 'test-model');
        assert.strictEqual(body.max_tokens, 777);
      });
    }
  });

  it('sends only the text before the cursor to Continue Writing', async () => {
    await testCommand(
      local.server,
      'inkwell.continueWriting',
      'First part.‸ Last part.',
      { kind: 'reply', text: ' Middle.' },
      'First part. Middle. Last part.',
    );
    assert.ok(withoutFrameCodes(lastUserMessage(local.server)).endsWith('<inkwell-text>\nFirst part.\n</inkwell-text>'));
  });

  it('asks for a Chinese answer for Chinese text and keeps the Chinese reply', async () => {
    await testCommand(
      local.server,
      'inkwell.improve',
      '«这个句子写的不太好。»',
      { kind: 'reply', text: '这个句子写得不太好。' },
      '这个句子写得不太好。',
    );
    assert.match(lastSystemMessage(local.server), /The text is in Chinese: write your answer in Chinese/);
  });

  it('answers in VS Code\'s display language when inkwell.answerLanguage is "editor"', async () => {
    await setSettings({ answerLanguage: 'editor' });
    try {
      await testCommand(local.server, 'inkwell.improve', '«这个句子。»', { kind: 'reply', text: 'This sentence.' }, 'This sentence.');
      assert.strictEqual(vscode.env.language, 'en');
      assert.match(lastSystemMessage(local.server), /Write your answer in the language named here .*: «English»\./);
    } finally {
      await setSettings({ answerLanguage: undefined });
    }
  });

  it('translates Chinese into English by default, and other text into Chinese', async () => {
    await testCommand(
      local.server,
      'inkwell.translate',
      '«你好，世界。»',
      { kind: 'reply', text: 'Hello, world.' },
      'Hello, world.',
      'auto',
    );
    assert.match(lastUserMessage(local.server), /named here: «English»/);
    await testCommand(
      local.server,
      'inkwell.translate',
      '«Hello, world.»',
      { kind: 'reply', text: '你好，世界。' },
      '你好，世界。',
      'auto',
    );
    assert.match(lastUserMessage(local.server), /named here: «Simplified Chinese»/);
  });

  it('keeps CRLF line endings when inserting a multi-line answer', async () => {
    const document = await openUntitled('Line one.\r\nLine two.');
    const editor = await vscode.window.showTextDocument(document);
    // An untitled document does not always take its line endings from the content it was opened with; make sure.
    await editor.edit((builder) => builder.setEndOfLine(vscode.EndOfLine.CRLF));
    assert.strictEqual(document.eol, vscode.EndOfLine.CRLF);
    editor.selection = new vscode.Selection(0, 0, 1, 9);
    local.server.enqueue({ kind: 'reply', text: '- one\n- two' });
    await vscode.commands.executeCommand('inkwell.summarize');
    assert.strictEqual(document.getText(), 'Line one.\r\nLine two.\r\n\r\n- one\r\n- two');
  });

  it('handles every selection of a multi-selection, each below its own, undone in one step', async () => {
    const editor = await openWithSelection('«Alpha.»\n\nMiddle.\n\n«Omega.»');
    local.server.enqueue({ kind: 'reply', text: 'Sum Omega.' }, { kind: 'reply', text: 'Sum Alpha.' });
    await vscode.commands.executeCommand('inkwell.summarize');
    assert.strictEqual(editor.document.getText(), 'Alpha.\n\nSum Alpha.\n\nMiddle.\n\nOmega.\n\nSum Omega.');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), 'Alpha.\n\nMiddle.\n\nOmega.');
  });

  it('rewrites every selection of a multi-selection in one review, accepted as one undo step', async () => {
    const editor = await openWithSelection('«one» and «two»');
    local.server.enqueue({ kind: 'reply', text: 'ONE' }, { kind: 'reply', text: 'TWO' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), 'ONE and TWO');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), 'one and two');
  });

  it('lets inkwell.output send an answer to a new document or the clipboard', async () => {
    const source = await openWithSelection('«Keep me as I am.»');
    local.server.enqueue({ kind: 'reply', text: 'In a new document.' });
    await vscode.commands.executeCommand('inkwell.explain', { output: 'newDocument' });
    assert.strictEqual(vscode.window.activeTextEditor?.document.getText(), 'In a new document.');
    assert.strictEqual(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    assert.strictEqual(source.document.getText(), 'Keep me as I am.');
    await vscode.window.showTextDocument(source.document);
    local.server.enqueue({ kind: 'reply', text: 'On the clipboard.' });
    await vscode.commands.executeCommand('inkwell.explain', { output: 'clipboard' });
    assert.strictEqual(await vscode.env.clipboard.readText(), 'On the clipboard.');
    assert.strictEqual(source.document.getText(), 'Keep me as I am.');
  });

  it('brings front matter, a fence with backticks inside and a table through an improve round trip unchanged', async () => {
    const markdown =
      '---\ntitle: Test\ntags: [a, b]\n---\n\n# Heading\n\n````md\n```js\nrun();\n```\n````\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[link](https://example.com)';
    await testCommand(local.server, 'inkwell.improve', `«${markdown}»`, (request) => echoFramedText(request), markdown);
  });

  it('removes a fence the model wrapped around its whole answer but keeps inner fences', async () => {
    await testCommand(
      local.server,
      'inkwell.improve',
      '«Some text.»',
      { kind: 'reply', text: '```markdown\nBetter text.\n```js\nx();\n```\n```' },
      'Better text.\n```js\nx();\n```',
    );
  });

  it('says which text is needed and sends nothing for a whitespace-only selection', async () => {
    await openWithSelection('«   \n  »');
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.strictEqual(result.status, 'noInput');
    assert.strictEqual(local.server.requests.length, 0);
  });
});
