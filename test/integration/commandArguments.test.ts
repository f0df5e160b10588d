import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { openWithSelection, setSettings, useLocalServer } from './editorTestKit';

/** How a command's question is answered when it asks one: Enter on what it offers first, or Escape. */
type Answer = 'accept' | 'dismiss';

/**
 * The commands of the editor's context menu that ask a question when they
 * get no argument, and how the test answers it. Edit with Instruction offers
 * its recent instructions, so one is run first; Draft Article's questions are
 * free text, so it is dismissed.
 */
const questions: Record<string, Answer | undefined> = {
  'inkwell.changeTone': 'accept',
  'inkwell.translate': 'accept',
  'inkwell.editWithInstruction': 'accept',
  'inkwell.summarizeWithOptions': 'accept',
  'inkwell.runPrompt': 'accept',
  'inkwell.draftArticle': 'dismiss',
};

/** The context menu's commands that go straight to work. */
const straightToWork = [
  'inkwell.improve',
  'inkwell.fixGrammar',
  'inkwell.shorter',
  'inkwell.longer',
  'inkwell.summarize',
  'inkwell.explain',
  'inkwell.outline',
  'inkwell.continueWriting',
];

const reply = 'The sea rises and falls twice a day.';
const selected = '«The tide comes in twice a day.»';

function contextMenuCommands(): string[] {
  const manifest = vscode.extensions.getExtension('inkwell-writing.inkwell')!.packageJSON as {
    contributes: { menus: Record<string, Array<{ command?: string }>> };
  };
  return manifest.contributes.menus['inkwell.editor'].map((item) => item.command!).filter(Boolean);
}

function chatRequests(server: { requests: Array<{ chat?: unknown }> }): number {
  return server.requests.filter((request) => request.chat).length;
}

/** Presses Enter (or Escape) on whatever question is open until the command resolves, as a person would. */
async function answering(running: Thenable<CommandResult>, answer: Answer | undefined): Promise<CommandResult> {
  if (!answer) return running;
  let settled = false;
  const result = Promise.resolve(running).finally(() => (settled = true));
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (!settled)
      await vscode.commands.executeCommand(
        answer === 'accept' ? 'workbench.action.acceptSelectedQuickOpenItem' : 'workbench.action.closeQuickOpen',
      );
  }
  return result;
}

describe('Command arguments', () => {
  const local = useLocalServer();

  before(() => setSettings({ prompts: { 'Plain Words': 'Say the text in plain words.' } }));
  after(() => setSettings({ prompts: undefined }));

  /** Runs `command` on a fresh document as the menu (with its Uri) or the palette (with nothing) would, the review accepted. */
  async function runOnce(
    command: string,
    fromMenu: boolean,
  ): Promise<{ result: CommandResult; text: string; requests: number; written: boolean }> {
    const editor = await openWithSelection(selected);
    local.server.reset();
    local.server.enqueue({ kind: 'reply', text: reply });
    const running = vscode.commands.executeCommand<CommandResult>(command, ...(fromMenu ? [editor.document.uri] : []));
    const result = await answering(running, questions[command]);
    if (result?.reviewId !== undefined) await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    const written = [editor.document.getText(), vscode.window.activeTextEditor?.document.getText()].some((text) => text?.includes(reply));
    return { result, text: editor.document.getText(), requests: chatRequests(local.server), written };
  }

  describe('a writing command run from the editor context menu, which passes the document Uri, works as with no argument', () => {
    it('covers every command of the context menu', () => {
      assert.deepStrictEqual([...contextMenuCommands()].sort(), [...straightToWork, ...Object.keys(questions)].sort());
    });

    for (const command of [...straightToWork, ...Object.keys(questions)]) {
      const dismissed = questions[command] === 'dismiss';
      it(`${command} with the Uri ${dismissed ? 'asks its questions, as without an argument' : 'writes the answer, as without an argument'}`, async () => {
        if (command === 'inkwell.editWithInstruction') {
          // Its question offers the recent instructions, the latest first: this one.
          await openWithSelection(selected);
          local.server.enqueue({ kind: 'reply', text: reply });
          const seeded = await vscode.commands.executeCommand<CommandResult>('inkwell.editWithInstruction', 'say it plainly');
          await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: seeded.reviewId });
        }
        const menu = await runOnce(command, true);
        const palette = await runOnce(command, false);
        assert.strictEqual(menu.result.status, dismissed ? 'cancelled' : 'done', menu.result.message);
        assert.strictEqual(menu.result.category, undefined);
        assert.strictEqual(menu.written, !dismissed, 'the answer is in the document');
        assert.strictEqual(menu.requests, dismissed ? 0 : 1);
        assert.deepStrictEqual(
          { status: menu.result.status, text: menu.text, requests: menu.requests },
          { status: palette.result.status, text: palette.text, requests: palette.requests },
        );
      });
    }
  });

  describe('an argument of the wrong shape resolves with badArgument, a message naming the fix, and nothing done', () => {
    const cases: Array<{ command: string; arg: unknown; message: string | RegExp }> = [
      {
        command: 'inkwell.improve',
        arg: { output: 'sideways' },
        message:
          'Inkwell: Improve Writing: "output" must be one of replace, insertBelow, insertAbove, cursor, newDocument, clipboard (got "sideways").',
      },
      { command: 'inkwell.translate', arg: { target: 42 }, message: 'Inkwell: Translate: "target" must be a string (got 42).' },
      {
        command: 'inkwell.summarize',
        arg: { lenght: 'short' },
        message:
          'Inkwell: Summarize Selection: there is no "lenght" field (did you mean "length"?): it takes { length, form, output, secrets }.',
      },
      {
        command: 'inkwell.summarizeWithOptions',
        arg: { form: 'haiku' },
        message: 'Inkwell: Summarize with Options: "form" must be one of paragraph, bullets, tldr (got "haiku").',
      },
      {
        command: 'inkwell.changeTone',
        arg: { tone: 'warm', alternative: -1 },
        message: 'Inkwell: Change Tone: "alternative" must be a whole number from 0 up (got -1).',
      },
      {
        command: 'inkwell.continueWriting',
        arg: { alternative: 1 },
        message: 'Inkwell: Continue Writing: there is no "alternative" field: it takes { output, secrets }.',
      },
      {
        command: 'inkwell.editWithInstruction',
        arg: ['shorter'],
        message: /^Inkwell: Edit with Instruction: "instruction" must be a string \(got a list\)\.$/,
      },
      {
        command: 'inkwell.draftArticle',
        arg: { words: 400 },
        message: /^Inkwell: Draft Article: "topic" is required: it takes \{ topic, audience, words, outline, editOutline, secrets \}\.$/,
      },
      { command: 'inkwell.runPrompt', arg: 7, message: 'Inkwell: Run Prompt: "title" must be a string (got 7).' },
      {
        command: 'inkwell.improve',
        arg: { output: 'replace', secrets: 'yes' },
        message: 'Inkwell: Improve Writing: "secrets" must be one of send, remove, cancel (got "yes").',
      },
      {
        command: 'inkwell.review.accept',
        arg: { ifChanged: 'overwrite' },
        message: /^Inkwell: Accept Proposal: "ifChanged" must be one of apply, openDocument, copy, cancel/,
      },
    ];
    for (const { command, arg, message } of cases) {
      it(`${command} refuses ${JSON.stringify(arg)}`, async () => {
        const editor = await openWithSelection(selected);
        const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).length;
        const result = await vscode.commands.executeCommand<CommandResult>(command, arg);
        assert.strictEqual(result.status, 'error');
        assert.strictEqual(result.category, 'badArgument');
        if (typeof message === 'string') assert.strictEqual(result.message, message);
        else assert.match(result.message!, message);
        assert.strictEqual(editor.document.getText(), 'The tide comes in twice a day.');
        assert.strictEqual(vscode.window.tabGroups.all.flatMap((group) => group.tabs).length, tabs, 'no document was opened');
        assert.strictEqual(local.server.requests.length, 0, 'nothing was sent');
      });
    }

    it('still takes the shorthand and the { secrets } answer next to it', async () => {
      await openWithSelection(selected);
      local.server.enqueue({ kind: 'reply', text: reply });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.translate', 'French', { secrets: 'send' });
      assert.strictEqual(result.status, 'done');
      await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
    });
  });
});
