import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { maxDraftSections } from '../../src/prompts/articleOutline';
import { openaiErrors } from '../support/openaiScenarios';
import { openWithSelection, setSettings, useLocalServer, waitFor } from './editorTestKit';

describe('Drafting an article', () => {
  const local = useLocalServer();

  it('writes the outline first, then streams each section into a new markdown document', async () => {
    local.server.enqueue(
      { kind: 'reply', text: "# Tides for Kids\n## Why the sea moves\n## The moon's pull" },
      { kind: 'reply', text: 'The sea rises and falls.' },
      { kind: 'reply', text: 'The moon pulls on the water.' },
    );
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.draftArticle', {
      topic: 'tides',
      audience: 'children',
      words: 400,
    });
    assert.strictEqual(result.status, 'done');
    const document = vscode.window.activeTextEditor!.document;
    assert.strictEqual(document.languageId, 'markdown');
    assert.strictEqual(
      document.getText(),
      "# Tides for Kids\n\n## Why the sea moves\n\nThe sea rises and falls.\n\n## The moon's pull\n\nThe moon pulls on the water.\n",
    );
    const prompts = local.server.requests
      .filter((request) => request.chat)
      .map((request) => String(request.chat!.messages.at(-1)!.content));
    assert.match(prompts[0], /^Plan an article about the topic given in the text\. The readers are children\./);
    assert.match(prompts[1], /Write the body of the section headed «Why the sea moves» only/);
    assert.match(prompts[2], /about 200 words/);
  });

  it(`drafts at most ${maxDraftSections} sections of a long outline, and says how many the outline had`, async () => {
    const outline = ['# Everything about tides', ...Array.from({ length: 30 }, (_, i) => `- point ${i + 1}`)].join('\n');
    local.server.setDefault({ kind: 'reply', text: 'A section.' });
    local.server.enqueue({ kind: 'reply', text: outline });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.draftArticle', { topic: 'tides' });
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(
      local.server.requests.filter((request) => request.chat).length,
      1 + maxDraftSections,
      'the outline and one request per drafted section',
    );
    assert.strictEqual(vscode.window.activeTextEditor!.document.getText().match(/^## /gm)?.length, maxDraftSections);
    assert.match(result.message ?? '', new RegExp(`The outline has 30 sections; Inkwell drafts at most ${maxDraftSections}`));
  });

  it('keeps the sections written so far when cancelled', async () => {
    local.server.enqueue(
      { kind: 'reply', text: 'First section text.' },
      { kind: 'reply', text: 'slow second section '.repeat(40), tokensPerSecond: 20 },
    );
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.draftArticle', { topic: 'tides', outline: ['One', 'Two'] });
    await waitFor(
      () => vscode.window.activeTextEditor?.document.getText().includes('slow second') ?? false,
      'the second section to stream',
    );
    await vscode.commands.executeCommand('inkwell.cancel');
    const result = await running;
    assert.strictEqual(result.status, 'cancelled');
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.ok(text.startsWith('# tides\n\n## One\n\nFirst section text.\n\n## Two\n\nslow second'), text);
  });
  it('stops after the outline when asked to let the writer edit it, and a cancel keeps the outline without writing sections', async () => {
    local.server.enqueue({ kind: 'reply', text: '# Tides\n## Alpha\n## Beta' });
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.draftArticle', { topic: 'tides', editOutline: true });
    await waitFor(
      () => vscode.window.activeTextEditor?.document.getText() === '# Tides\n\n## Alpha\n\n## Beta\n',
      'the outline in the draft',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(
      local.server.requests.filter((request) => request.chat).length,
      1,
      'no section is written before the writer says so',
    );
    await vscode.commands.executeCommand('inkwell.cancel');
    const result = await running;
    assert.strictEqual(result.status, 'cancelled');
    assert.strictEqual(vscode.window.activeTextEditor!.document.getText(), '# Tides\n\n## Alpha\n\n## Beta\n');
  });

  it('treats the document Uri the context menu passes as no arguments, not as a topic', async () => {
    const uri = vscode.Uri.parse('untitled:context-menu.md');
    // With a Uri it asks its questions; Escape on the first one cancels without drafting anything.
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.draftArticle', uri);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const result = await running;
    assert.strictEqual(result.status, 'cancelled');
    assert.strictEqual(local.server.requests.filter((request) => request.chat).length, 0);
  });

  it('closes the empty draft again when the outline request fails', async () => {
    local.server.enqueue(openaiErrors.serverError());
    const untitledTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'untitled').length;
    const before = untitledTabs();
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.draftArticle', { topic: 'tides' });
    assert.strictEqual(result.status, 'error');
    assert.strictEqual(untitledTabs(), before, 'no empty draft is left open');
  });

  it('writes a section the model wrapped in a markdown fence without the fence', async () => {
    local.server.enqueue({ kind: 'reply', text: '```markdown\nThe sea rises and falls twice a day.\n```' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.draftArticle', { topic: 'tides', outline: ['Why'] });
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(vscode.window.activeTextEditor!.document.getText(), '# tides\n\n## Why\n\nThe sea rises and falls twice a day.\n');
  });
});

describe('Alternatives', () => {
  const local = useLocalServer();
  before(() => setSettings({ alternatives: 3 }));
  after(() => setSettings({ alternatives: undefined }));

  it('asks for several candidates with n and reviews the chosen one', async () => {
    const editor = await openWithSelection('«Old words.»');
    local.server.enqueue({ kind: 'reply', choices: ['First try.', 'Second try.', 'Third try.'] });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve', { alternative: 1 });
    assert.strictEqual((local.server.requests.at(-1)!.body as { n: number }).n, 3);
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), 'Second try.');
  });

  it('makes parallel requests for the missing candidates when the server ignores n', async () => {
    const editor = await openWithSelection('«Old words.»');
    local.server.enqueue(
      { kind: 'reply', text: 'Only one.', ignoreN: true },
      { kind: 'reply', text: 'Extra one.' },
      { kind: 'reply', text: 'Extra two.' },
    );
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve', { alternative: 2 });
    assert.strictEqual(local.server.requests.filter((request) => request.chat).length, 3);
    await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
    assert.strictEqual(editor.document.getText(), 'Extra two.');
  });
});
