import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  costBounds,
  maxAlternatives,
  maxOutputTokensCap,
  readConfig,
  restrictedSettings,
  settingKeys,
  workspaceInstructionSettings,
} from '../../src/settings/config';
import type { CommandResult } from '../../src/commands/services';
import { maxConcurrency } from '../../src/generation/concurrency';
import { reviewScheme } from '../../src/editor/reviewSession';
import { readManifest } from '../support/manifestStrings';
import { createTestChat } from './chatTestKit';
import { openWithSelection, setSettings, useLocalServer, useWorkspaceSettings } from './editorTestKit';

const manifest = readManifest<{
  contributes: { configuration: Array<{ properties: object }> };
  capabilities: { untrustedWorkspaces: { description: string; restrictedConfigurations: string[] } };
}>('en', path.join(__dirname, '../../..'));
const properties: Record<string, { scope?: string; minimum?: number; maximum?: number }> = Object.assign(
  {},
  ...manifest.contributes.configuration.map((category) => category.properties),
);

/** The label of the open review's diff tab. */
function reviewTabLabel(): string | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === reviewScheme)?.label;
}

describe('What a workspace may change', () => {
  const local = useLocalServer();
  // The review's title is checked on the side-by-side review; tracked changes have their own (trackedChanges.test.ts).
  before(() => setSettings({ 'review.style': 'sideBySide' }));
  after(() => setSettings({ 'review.style': undefined }));

  it('lists every setting a workspace could set as restricted in the manifest, so Restricted Mode uses only user settings', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepStrictEqual([...restricted].sort(), restrictedSettings.map((key) => `inkwell.${settingKeys[key]}`).sort());
    const notApplicationScoped = Object.keys(properties).filter((name) => properties[name].scope !== 'application');
    assert.deepStrictEqual([...restricted].sort(), notApplicationScoped.sort());
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /user settings only/);
  });

  it('declares the same minimum and maximum in the manifest as the settings reader holds the cost settings to', () => {
    for (const [key, bounds] of Object.entries(costBounds)) {
      const declared = properties[`inkwell.${settingKeys[key as keyof typeof settingKeys]}`];
      assert.strictEqual(declared.minimum, bounds!.min, `minimum of ${key}`);
      assert.strictEqual(declared.maximum, bounds!.max, `maximum of ${key}`);
    }
    assert.strictEqual(properties['inkwell.alternatives'].maximum, maxAlternatives);
    assert.strictEqual(properties['inkwell.maxConcurrentRequests'].maximum, maxConcurrency);
  });

  describe('caps', () => {
    afterEach(() => setSettings({ maxTokens: 777, alternatives: undefined, maxConcurrentRequests: undefined }));

    it('holds a hand-edited maxTokens, alternatives and concurrency to their maxima', async () => {
      await setSettings({ maxTokens: 10_000_000, alternatives: 50, maxConcurrentRequests: 500 });
      const config = readConfig();
      assert.deepStrictEqual(
        [config.maxTokens, config.alternatives, config.maxConcurrentRequests],
        [maxOutputTokensCap, maxAlternatives, maxConcurrency],
      );
    });

    it('asks for at most the capped output tokens and candidates in a request', async () => {
      await setSettings({ maxTokens: 10_000_000, alternatives: 50 });
      await openWithSelection('«Old words.»');
      local.server.enqueue({ kind: 'reply', choices: ['One.', 'Two.', 'Three.', 'Four.', 'Five.'] });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve', { alternative: 0 });
      assert.strictEqual(result.status, 'done', JSON.stringify(result));
      const chats = local.server.requests.filter((request) => request.chat);
      assert.strictEqual(chats.length, 1);
      const body = chats[0].body as { n: number; max_tokens: number };
      assert.deepStrictEqual([body.n, body.max_tokens], [maxAlternatives, maxOutputTokensCap]);
      await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
    });

    it('falls back to the default for a value of the wrong kind', async () => {
      await setSettings({ maxTokens: 'lots' });
      assert.strictEqual(readConfig().maxTokens, 4096);
    });
  });

  describe('in a trusted workspace that sets prompt-shaping settings', () => {
    const workspaceValues = {
      'inkwell.model': 'workspace-model',
      'inkwell.answerLanguage': 'Français',
      'inkwell.chat.systemPrompt': 'You are the house style guide of this repository.',
      'inkwell.maxTokens': 2000,
      'inkwell.temperature': 0.1,
    };
    const named = ['inkwell.model', 'inkwell.chat.systemPrompt', 'inkwell.answerLanguage', 'inkwell.maxTokens'];

    useWorkspaceSettings(workspaceValues, (shown) =>
      shown
        ? vscode.workspace.getConfiguration('inkwell').inspect('model')?.workspaceValue === 'workspace-model'
        : vscode.workspace.getConfiguration('inkwell').inspect('model')?.workspaceValue === undefined,
    );

    it('honours the workspace values', () => {
      const config = readConfig();
      assert.deepStrictEqual(
        [config.model, config.answerLanguage, config.chatSystemPrompt, config.maxTokens, config.temperature],
        ['workspace-model', 'Français', 'You are the house style guide of this repository.', 2000, 0.1],
      );
    });

    it('names the settings that shape requests, and not those that do not', () => {
      assert.deepStrictEqual(workspaceInstructionSettings(), named);
    });

    it('says "workspace instructions active" in the chat header, naming the settings', () => {
      const chat = createTestChat();
      try {
        assert.deepStrictEqual(chat.session.header().workspaceSettings, named);
      } finally {
        chat.dispose();
      }
    });

    it('says "workspace instructions active" in the review\'s title, naming the settings', async () => {
      await openWithSelection('«Old words.»');
      local.server.enqueue({ kind: 'reply', text: 'Nouveaux mots.' });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
      assert.strictEqual(result.status, 'done', JSON.stringify(result));
      assert.strictEqual((local.server.requests.at(-1)!.body as { model: string }).model, 'workspace-model');
      assert.strictEqual(
        reviewTabLabel()?.endsWith(`(review · workspace instructions active: ${named.join(', ')})`),
        true,
        reviewTabLabel(),
      );
      await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
    });

    describe('with the default review style, tracked changes', () => {
      before(() => setSettings({ 'review.style': undefined }));
      after(() => setSettings({ 'review.style': 'sideBySide' }));

      it('says "workspace instructions active" in a CodeLens above the reviewed text, naming the settings, that opens the workspace settings', async () => {
        assert.strictEqual(readConfig().reviewStyle, 'inline');
        const editor = await openWithSelection('«Old words.»');
        local.server.enqueue({ kind: 'reply', text: 'Nouveaux mots.' });
        const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
        assert.strictEqual(result.status, 'done', JSON.stringify(result));
        try {
          assert.strictEqual(reviewTabLabel(), undefined, 'reviewed in the text, not side by side');
          const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
          const notes = lenses.filter((lens) => lens.command?.title.includes('workspace instructions active'));
          // VS Code's command API drops a lens command's tooltip on the way back, so the title is what can be checked here.
          assert.deepStrictEqual(
            notes.map((lens) => ({ title: lens.command!.title, command: lens.command!.command, line: lens.range.start.line })),
            [
              {
                title: `$(warning) workspace instructions active: ${named.join(', ')}`,
                command: 'workbench.action.openWorkspaceSettings',
                line: 0,
              },
            ],
          );
        } finally {
          await vscode.commands.executeCommand('inkwell.review.rejectAll', { reviewId: result.reviewId });
        }
      });
    });
  });

  it('says nothing about workspace instructions when the workspace sets none', async () => {
    assert.deepStrictEqual(workspaceInstructionSettings(), []);
    await openWithSelection('«Old words.»');
    local.server.enqueue({ kind: 'reply', text: 'New words.' });
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
    assert.match(reviewTabLabel() ?? '', /\(review\)$/);
    await vscode.commands.executeCommand('inkwell.review.reject', { reviewId: result.reviewId });
  });

  it('shows no workspace CodeLens on tracked changes when the workspace sets nothing', async () => {
    await setSettings({ 'review.style': undefined });
    try {
      const editor = await openWithSelection('«Old words.»');
      local.server.enqueue({ kind: 'reply', text: 'New words.' });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.improve');
      assert.strictEqual(result.status, 'done', JSON.stringify(result));
      const titles = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)).map(
        (lens) => lens.command?.title ?? '',
      );
      assert.ok(
        titles.some((title) => title.startsWith('$(check-all) Accept All')),
        titles.join(' | '),
      );
      assert.ok(!titles.some((title) => title.includes('workspace instructions')), titles.join(' | '));
      await vscode.commands.executeCommand('inkwell.review.rejectAll', { reviewId: result.reviewId });
    } finally {
      await setSettings({ 'review.style': 'sideBySide' });
    }
  });
});
