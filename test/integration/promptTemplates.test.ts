import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { lastUserMessage, setSettings, testCommand, useLocalServer } from './editorTestKit';
import { withoutFrameCodes } from '../support/promptFrames';

describe('The user\'s own prompt templates', () => {
  const local = useLocalServer();
  let promptsDir: string;

  before(function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip();
    promptsDir = path.join(folder.uri.fsPath, '.inkwell', 'prompts');
    fs.mkdirSync(promptsDir, { recursive: true });
    fs.writeFileSync(path.join(promptsDir, 'headline.md'), '---\ntitle: Headline\noutput: insertAbove\n---\nWrite a headline for {{selection}} aimed at {{input}}.\n');
    fs.writeFileSync(path.join(promptsDir, 'broken.md'), '---\ntitle: Broken\n---\nUses {{nonsense}}.\n');
  });
  after(async () => {
    fs.rmSync(path.dirname(promptsDir), { recursive: true, force: true });
    await setSettings({ prompts: undefined });
  });

  it('runs a workspace template with its output mode and the {{input}} given as an argument', async () => {
    await testCommand(local.server, 'inkwell.runPrompt', '«Tides are caused by the moon.»', { kind: 'reply', text: '# The Moon Moves the Sea' }, '# The Moon Moves the Sea\n\nTides are caused by the moon.', { title: 'Headline', input: 'children' });
    assert.strictEqual(withoutFrameCodes(lastUserMessage(local.server)), 'Write a headline for <inkwell-text>\nTides are caused by the moon.\n</inkwell-text> aimed at children.');
  });

  it('runs a template from the inkwell.prompts setting', async () => {
    await setSettings({ prompts: [{ title: 'Count', prompt: 'Count the words of the text. Answer in {{language}}.', output: 'insertBelow' }] });
    await testCommand(local.server, 'inkwell.runPrompt', '«数一数这些字。»', { kind: 'reply', text: '五个字' }, '数一数这些字。\n\n五个字', 'Count');
    assert.match(lastUserMessage(local.server), /^Count the words of the text\. Answer in «Chinese»\./);
  });

  it('names the file and the problem of a broken template and sends nothing', async () => {
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.runPrompt', 'Broken');
    assert.strictEqual(result.status, 'error');
    assert.match(result.message!, /\.inkwell\/prompts\/broken\.md: "Broken" uses unknown placeholder \{\{nonsense\}\}/);
    assert.strictEqual(local.server.requests.length, 0);
  });
});
