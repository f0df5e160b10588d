import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/commands/testConnection';
import { FakeOpenAIServer } from '../support/openaiServer';
import { setSettings, useLocalServer } from './editorTestKit';

function testConnection(): Thenable<ConnectionReport> {
  return vscode.commands.executeCommand<ConnectionReport>('inkwell.testConnection');
}

describe('Test Connection diagnoses the usual mistakes', () => {
  const local = useLocalServer();
  let ollama: FakeOpenAIServer;
  before(async () => {
    ollama = await FakeOpenAIServer.start({ ollama: true, knownModels: ['llama3.2:latest', 'qwen2.5:7b'] });
  });
  beforeEach(() => ollama.reset());
  afterEach(() => setSettings({ baseUrl: local.server.baseUrl, model: 'test-model', provider: undefined }));
  after(() => ollama.close());

  it('names a doubled /v1 and the address to use instead, after checking that it answers', async () => {
    await setSettings({ baseUrl: `${local.server.baseUrl}/v1` });
    const report = await testConnection();
    assert.strictEqual(report.status, 'error');
    assert.strictEqual(report.diagnosis, 'doubledV1', report.message);
    assert.strictEqual(
      report.message,
      `Inkwell: The base URL ends in /v1/v1, and ${local.server.origin.slice('http://'.length)} has no API there (404). It answers at ${local.server.baseUrl}, with 5 models. Remove the second /v1: set inkwell.baseUrl to ${local.server.baseUrl}.`,
    );
    assert.deepStrictEqual(report.actions, ['Open Settings']);
    assert.deepStrictEqual(
      local.server.requests.map((request) => `${request.method} ${request.path}`),
      ['GET /v1/v1/models', 'POST /v1/v1/chat/completions', 'GET /v1/models'],
    );
  });

  it('names a missing /v1 when the server answers under it', async () => {
    await setSettings({ baseUrl: local.server.origin });
    const report = await testConnection();
    assert.strictEqual(report.category, 'badBaseUrl');
    assert.strictEqual(report.diagnosis, 'missingV1', report.message);
    assert.ok(report.message!.endsWith(`Add /v1: set inkwell.baseUrl to ${local.server.baseUrl}.`), report.message);
  });

  it("recognises Ollama's own /api and names its OpenAI-compatible /v1", async () => {
    await setSettings({ baseUrl: `${ollama.origin}/api` });
    const report = await testConnection();
    assert.strictEqual(report.diagnosis, 'ollamaNativeApi', report.message);
    assert.strictEqual(
      report.message,
      `Inkwell: This is Ollama's own API (/api); Inkwell talks to its OpenAI-compatible one at ${ollama.origin}/v1. Set inkwell.baseUrl to ${ollama.origin}/v1.`,
    );
    assert.deepStrictEqual(report.actions, ['Open Settings']);
  });

  it('names the port nothing answers on and the ports Ollama and LM Studio use', async () => {
    const closed = await FakeOpenAIServer.start();
    await closed.close();
    await setSettings({ baseUrl: closed.baseUrl });
    const report = await testConnection();
    assert.strictEqual(report.category, 'network');
    assert.strictEqual(report.diagnosis, 'nothingOnPort', report.message);
    assert.strictEqual(
      report.message,
      `Inkwell: Nothing answers on port ${closed.port} of 127.0.0.1 (connection refused). Ollama listens on 11434 and LM Studio on 1234 out of the box: start the server, or correct the port in inkwell.baseUrl.`,
    );
    assert.deepStrictEqual(report.actions, ['Choose Provider', 'Open Settings']);
  });

  it('names a model Ollama has not pulled, the command that pulls it, and the models it has', async () => {
    await setSettings({ baseUrl: ollama.baseUrl, model: 'llama3.1' });
    const report = await testConnection();
    assert.strictEqual(report.category, 'modelNotFound');
    assert.strictEqual(report.diagnosis, 'ollamaModelNotPulled', report.message);
    assert.strictEqual(
      report.message,
      'Inkwell: Ollama has no model "llama3.1": run `ollama pull llama3.1` in a terminal, or set inkwell.model to one it has (llama3.2:latest, qwen2.5:7b).',
    );
  });

  it('names a key shaped like a DeepSeek key that the endpoint rejected, and offers to store another or choose DeepSeek', async () => {
    const locked = await FakeOpenAIServer.start({ requireApiKey: 'sk-locked-right' });
    try {
      await setSettings({ baseUrl: locked.baseUrl });
      await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-0123456789abcdef0123456789abcdef', { confirmed: true });
      const report = await testConnection();
      assert.strictEqual(report.category, 'authFailed');
      assert.strictEqual(report.diagnosis, 'keyForAnotherProvider', report.message);
      assert.ok(
        report.message!.startsWith(
          'Inkwell: This key looks like a DeepSeek or Qwen (DashScope) key (sk- followed by 32 hexadecimal digits), and 127.0.0.1:',
        ),
        report.message,
      );
      assert.ok(report.message!.includes('choose DeepSeek or Qwen (DashScope) with Choose Provider'), report.message);
      assert.ok(!report.message!.includes('0123456789abcdef'), 'the key itself is never shown');
      assert.deepStrictEqual(report.actions, ['Set API Key', 'Choose Provider']);
    } finally {
      await vscode.commands.executeCommand('inkwell.clearApiKey');
      await locked.close();
    }
  });

  it('explains that on Azure the model is the deployment name, when the deployment does not exist', async () => {
    const azure = await FakeOpenAIServer.start({ knownModels: ['writer'] });
    try {
      await setSettings({ provider: 'azure', baseUrl: azure.origin, model: 'gpt-4o-mini' });
      const report = await testConnection();
      assert.strictEqual(report.diagnosis, 'azureDeploymentName', report.message);
      assert.ok(
        report.message!.startsWith(`Inkwell: Azure has no deployment named "gpt-4o-mini" on 127.0.0.1:${azure.port}`),
        report.message,
      );
      assert.ok(report.message!.includes('put that name in inkwell.azure.deployment'), report.message);
      assert.deepStrictEqual(report.actions, ['Open Settings']);
      assert.ok(azure.requests.some((request) => request.path === '/openai/deployments/gpt-4o-mini/chat/completions'));
    } finally {
      await azure.close();
    }
  });

  it('names no cause when the evidence fits none, and keeps the message about what was seen', async () => {
    local.server.enqueue({ kind: 'error', status: 500, error: { message: 'boom', type: 'server_error', param: null, code: null } });
    const report = await testConnection();
    assert.strictEqual(report.category, 'serverError');
    assert.strictEqual(report.diagnosis, undefined);
    assert.match(report.message!, /had an internal error \(500\)/);
    assert.ok(
      local.server.requests.every((request) => request.path === '/v1/models' || request.path === '/v1/chat/completions'),
      'no probe was sent',
    );
  });
});
