import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ChooseProviderResult } from '../../src/commands/chooseProvider';
import type { CommandResult } from '../../src/commands/services';
import { configDefaults, readConfig } from '../../src/settings/config';
import { parseLocalServerList } from '../../src/onboarding/localModelProbe';
import type { FindLocalModelsResult } from '../../src/onboarding/setupAssistant';
import { nothingConfigured } from '../../src/onboarding/setupState';
import { FakeOpenAIServer } from '../support/openaiServer';
import { openaiErrors } from '../support/openaiScenarios';
import { setSettings, useLocalServer } from './editorTestKit';

/** The ports the test host told the extension to probe instead of 11434 and 1234. */
function probedServers(): { ollama: number; lmstudio: number } {
  const servers = parseLocalServerList(process.env.INKWELL_TEST_LOCAL_SERVERS);
  assert.ok(servers, 'the integration host sets INKWELL_TEST_LOCAL_SERVERS');
  const port = (id: string): number => Number(new URL(servers.find((server) => server.id === id)!.origin).port);
  return { ollama: port('ollama'), lmstudio: port('lmstudio') };
}

describe('Onboarding: a working default', () => {
  const local = useLocalServer();
  const restore = async (): Promise<void> => setSettings({ provider: undefined, baseUrl: local.server.baseUrl, model: 'test-model' });
  afterEach(restore);

  it('treats "no provider chosen and no key for the default endpoint" as nothing configured, and anything else as configured', async () => {
    const noKeys = { get: async () => undefined };
    await setSettings({ provider: undefined, baseUrl: undefined });
    assert.strictEqual(await nothingConfigured(noKeys), true);
    assert.strictEqual(
      await nothingConfigured({ get: async (baseUrl: string) => (baseUrl === configDefaults.baseUrl ? 'sk-openai' : undefined) }),
      false,
      'a key for api.openai.com is a choice',
    );
    await setSettings({ provider: 'openai' });
    assert.strictEqual(await nothingConfigured(noKeys), false, 'a chosen provider is a choice');
    await setSettings({ provider: undefined, baseUrl: 'http://127.0.0.1:9/v1' });
    assert.strictEqual(await nothingConfigured(noKeys), false, 'a chosen base URL is a choice');
  });

  it('Find Local Models finds Ollama and LM Studio with their installed models, and switches to the one chosen', async () => {
    const ports = probedServers();
    // Ollama before its OpenAI-compatible model list: only /api/tags.
    const ollama = await FakeOpenAIServer.start({ port: ports.ollama, knownModels: ['llama3.2:latest', 'qwen2.5:7b'], ollamaTags: 'only' });
    const lmStudio = await FakeOpenAIServer.start({ port: ports.lmstudio, knownModels: ['google/gemma-3-4b'] });
    try {
      const result = await vscode.commands.executeCommand<FindLocalModelsResult>('inkwell.findLocalModels', {
        use: 'ollama',
        model: 'qwen2.5:7b',
      });
      assert.strictEqual(result.status, 'done', JSON.stringify(result));
      assert.deepStrictEqual(
        result.offers.filter((offer) => offer.source !== 'vscode').map((offer) => `${offer.label}: ${offer.model}`),
        ['Ollama: llama3.2:latest', 'Ollama: qwen2.5:7b', 'LM Studio: google/gemma-3-4b'],
      );
      const config = readConfig();
      assert.deepStrictEqual([config.provider, config.baseUrl, config.model], ['openai', `${ollama.origin}/v1`, 'qwen2.5:7b']);
      // And it works: the next request goes to that server.
      ollama.enqueue({ kind: 'reply', text: 'ok' });
      const test = await vscode.commands.executeCommand<CommandResult>('inkwell.testConnection');
      assert.strictEqual(test.status, 'done', JSON.stringify(test));
      const sent = ollama.requests.find((request) => request.chat);
      assert.strictEqual(sent?.chat?.model, 'qwen2.5:7b');
    } finally {
      await ollama.close();
      await lmStudio.close();
    }
  });

  it('Find Local Models says what to start when no local server answers, and changes nothing', async () => {
    const result = await vscode.commands.executeCommand<FindLocalModelsResult>('inkwell.findLocalModels', { use: 'ollama' });
    assert.strictEqual(result.status, 'noInput');
    assert.match(result.message!, /Ollama on port 11434, LM Studio on port 1234/);
    assert.match(result.message!, /Find Local Models" again|Choose Provider/);
    assert.strictEqual(readConfig().baseUrl, local.server.baseUrl);
  });
});

describe('Onboarding: Choose Provider', () => {
  const local = useLocalServer();
  afterEach(() => setSettings({ provider: undefined, baseUrl: local.server.baseUrl, model: 'test-model' }));

  it('ends by testing the connection and says plainly that it works', async () => {
    local.server.enqueue({ kind: 'reply', text: 'ok' });
    const result = await vscode.commands.executeCommand<ChooseProviderResult>('inkwell.chooseProvider', {
      preset: 'custom',
      baseUrl: local.server.baseUrl,
      model: 'test-model',
      apiKey: 'sk-local',
      confirmed: true,
    });
    assert.strictEqual(result.status, 'done', JSON.stringify(result));
    assert.match(result.message!, /^Inkwell is ready: Custom OpenAI-compatible endpoint, model "test-model" answered in \d+ ms\./);
    assert.ok(result.completionMs !== undefined);
    assert.strictEqual(local.server.requests.filter((request) => request.chat).length, 1, 'one test request');
  });

  it('reports a failed test with the same fix buttons as any other failure', async () => {
    local.server.enqueue(openaiErrors.invalidApiKey());
    const result = await vscode.commands.executeCommand<ChooseProviderResult>('inkwell.chooseProvider', {
      preset: 'custom',
      baseUrl: local.server.baseUrl,
      model: 'test-model',
      apiKey: 'sk-wrong-key',
      confirmed: true,
    });
    assert.strictEqual(result.status, 'error');
    assert.strictEqual(result.category, 'authFailed');
    assert.deepStrictEqual(result.actions, ['Set API Key', 'Choose Provider']);
  });

  it('can skip the test when a script asks it to', async () => {
    const result = await vscode.commands.executeCommand<ChooseProviderResult>('inkwell.chooseProvider', {
      preset: 'custom',
      baseUrl: local.server.baseUrl,
      model: 'other-model',
      test: false,
      confirmed: true,
    });
    assert.strictEqual(result.status, 'done');
    assert.strictEqual(readConfig().model, 'other-model');
    assert.strictEqual(local.server.requests.length, 0);
  });
});
