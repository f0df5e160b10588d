import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import type { FindLocalModelsResult } from '../../src/onboarding/setupAssistant';
import { readConfig } from '../../src/settings/config';
import { testLanguageModelExtensionId, type TestLanguageModelApi } from '../support/testLanguageModel';
import { closeAllWithoutSaving, openWithSelection, setSettings, waitFor } from './editorTestKit';

const settingKeys = ['provider', 'model', 'baseUrl'] as const;

/** The test extension's model, registered for this suite only: the other suites expect VS Code to offer none. */
function useTestLanguageModel(): { readonly model: TestLanguageModelApi } {
  const holder = {} as { model: TestLanguageModelApi };
  let saved: Record<string, unknown> = {};
  before(async () => {
    const extension = vscode.extensions.getExtension<TestLanguageModelApi>(testLanguageModelExtensionId);
    assert.ok(extension, `the test host loads ${testLanguageModelExtensionId}`);
    holder.model = await extension.activate();
    holder.model.register();
    const config = vscode.workspace.getConfiguration('inkwell');
    saved = Object.fromEntries(settingKeys.map((key) => [key, config.inspect(key)?.globalValue]));
  });
  beforeEach(() => holder.model.reset());
  afterEach(async () => {
    await vscode.commands.executeCommand('inkwell.cancel');
    await closeAllWithoutSaving();
    await setSettings(saved);
  });
  after(() => holder.model.unregister());
  return holder;
}

/** Runs `command` on the marked document, accepting a review if one opens, and expects `after`. */
async function expectCommand(command: string, before: string, after: string): Promise<void> {
  const editor = await openWithSelection(before);
  const result = await vscode.commands.executeCommand<CommandResult>(command);
  assert.strictEqual(result.status, 'done', JSON.stringify(result));
  if (result.reviewId !== undefined) await vscode.commands.executeCommand('inkwell.review.accept', { reviewId: result.reviewId });
  assert.strictEqual(editor.document.getText(), after);
}

describe('VS Code language models: the vscode provider against a registered model', () => {
  const lm = useTestLanguageModel();

  it("lists the registered model among VS Code's language models", async () => {
    const models = await vscode.lm.selectChatModels();
    assert.deepStrictEqual(
      models.map((model) => [model.id, model.name, model.vendor]),
      [[lm.model.modelId, lm.model.modelName, lm.model.vendor]],
    );
  });

  it('Find Local Models offers the model and switches Inkwell to it', async () => {
    const result = await vscode.commands.executeCommand<FindLocalModelsResult>('inkwell.findLocalModels', {
      use: 'vscode',
      model: lm.model.modelId,
    });
    assert.strictEqual(result.status, 'done', JSON.stringify(result));
    assert.deepStrictEqual(result.chosen, { source: 'vscode', label: `VS Code (${lm.model.vendor})`, model: lm.model.modelId });
    const config = readConfig();
    assert.deepStrictEqual([config.provider, config.model], ['vscode', lm.model.modelId]);
  });

  it("Summarize writes the model's streamed answer below the selection", async () => {
    await setSettings({ provider: 'vscode', model: lm.model.modelId });
    const answer = 'Echo from the test model: tides rise twice a day.';
    await expectCommand(
      'inkwell.summarize',
      'Title\n«[[tides rise twice a day]] and fall.»\nNext.',
      `Title\n[[tides rise twice a day]] and fall.\n\n${answer}\nNext.`,
    );
    const [request] = lm.model.requests;
    assert.strictEqual(lm.model.requests.length, 1);
    assert.ok(request.parts.length > 1, `the answer came in ${request.parts.length} parts`);
    assert.strictEqual(request.parts.join(''), answer);
    assert.match(request.messages.join('\n'), /Summarize the text briefly/);
    assert.deepStrictEqual([request.finished, request.cancelled], [true, false]);
  });

  it("Improve replaces the selection with the model's answer", async () => {
    await setSettings({ provider: 'vscode', model: lm.model.modelId });
    await expectCommand('inkwell.improve', 'A «[[me and him went]]».', 'A Echo from the test model: me and him went..');
    assert.match(lm.model.requests[0].messages.join('\n'), /^Improve the clarity and flow/m);
  });

  it('fails on an unknown model id with a message listing the models VS Code has', async () => {
    await setSettings({ provider: 'vscode', model: 'no-such-model' });
    await openWithSelection('«Some text.»');
    const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    assert.strictEqual(result.status, 'error', JSON.stringify(result));
    assert.strictEqual(result.category, 'modelNotFound');
    assert.ok(
      result.message?.includes(
        `"no-such-model" (inkwell.model) is not available. Available: ${lm.model.modelId} (${lm.model.modelName}, ${lm.model.vendor}).`,
      ),
      result.message,
    );
    assert.strictEqual(lm.model.requests.length, 0, 'nothing is sent to another model');
  });

  // VS Code 1.100 does not pass a cancel on to the model once its answer has
  // started (microsoft/vscode#277872, fixed in 1.127): the model streams on
  // and VS Code keeps delivering its parts. Inkwell must stop on its own.
  it('cancelling mid-answer stops Inkwell at once, and nothing more reaches the document while the model streams on', async () => {
    await setSettings({ provider: 'vscode', model: lm.model.modelId });
    lm.model.setPace({ parts: 40, delayMs: 100 });
    const editor = await openWithSelection(`«[[${'slowly '.repeat(60).trim()}]]»`);
    const running = vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
    await waitFor(() => editor.document.getText().includes('Echo from the test model: slowly'), 'the first parts in the document', 10_000);
    await vscode.commands.executeCommand('inkwell.cancel');
    const result = await running;
    assert.strictEqual(result.status, 'cancelled', JSON.stringify(result));
    const [request] = lm.model.requests;
    assert.strictEqual(request.finished, false, 'the command ended before the model did');
    const textAtCancel = editor.document.getText();
    const partsAtCancel = request.parts.length;
    await waitFor(() => request.parts.length > partsAtCancel + 2, 'the model to send more parts');
    assert.strictEqual(editor.document.getText(), textAtCancel);
  });
});
