import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CommandResult } from '../../src/commands/services';
import { FakeOpenAIServer } from '../support/openaiServer';
import { openWithSelection, setSettings, useLocalServer } from './editorTestKit';

/** Names under `.invalid` never resolve (RFC 6761): were anything sent, the request would fail as a network error. */
const remote = (name: string, scheme = 'https') => `${scheme}://${name}.inkwell-test.invalid`;

async function summarize(text = '«A private paragraph.»'): Promise<CommandResult> {
  await openWithSelection(text);
  return vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
}

describe('Where the text and the key go', () => {
  const local = useLocalServer();
  afterEach(async () => {
    await setSettings({ baseUrl: local.server.baseUrl, provider: undefined, model: 'test-model' });
  });

  describe('redirects', () => {
    let elsewhere: FakeOpenAIServer;
    before(async () => {
      elsewhere = await FakeOpenAIServer.start();
    });
    after(() => elsewhere.close());

    it('refuses a redirect to another server, names it, and sends nothing there', async () => {
      const target = `${elsewhere.baseUrl}/chat/completions`;
      local.server.enqueue({ kind: 'redirect', status: 307, location: target });
      await setSettings({ extraHeaders: { 'x-team-token': 'team-secret' } });
      try {
        const result = await summarize();
        assert.strictEqual(result.status, 'error', JSON.stringify(result));
        assert.strictEqual(result.category, 'redirectRefused', result.message);
        assert.ok(result.message!.includes(target), result.message);
        assert.deepStrictEqual(result.actions, ['Open Settings', 'Show Log']);
      } finally {
        await setSettings({ extraHeaders: undefined });
      }
      assert.strictEqual(elsewhere.requests.length, 0, 'neither the text nor the headers reached the other server');
      assert.strictEqual(local.server.requests.filter((request) => request.chat).length, 1);
    });
  });

  describe('asking before text goes to a new place', () => {
    it('asks "Send your text to …?" before the first request to a new https origin, and sends nothing unless allowed', async () => {
      const origin = remote('new-origin');
      await setSettings({ baseUrl: `${origin}/v1` });
      await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-consent-test', { confirmed: true });
      try {
        const result = await summarize();
        assert.strictEqual(result.category, 'consentDeclined', result.message);
        assert.ok(result.message!.includes(`"Send your text to ${origin}?"`), result.message);
        assert.deepStrictEqual(result.actions, ['Choose Provider', 'Open Settings']);
        // Asked again next time: a refusal is not remembered as consent.
        assert.strictEqual((await summarize()).category, 'consentDeclined');
      } finally {
        await vscode.commands.executeCommand('inkwell.clearApiKey');
      }
    });

    it('counts an endpoint chosen in Choose Provider as consent, and then sends', async () => {
      const origin = remote('chosen');
      const chosen = await vscode.commands.executeCommand<CommandResult>('inkwell.chooseProvider', {
        preset: 'custom',
        baseUrl: `${origin}/v1`,
        model: 'test-model',
        apiKey: 'sk-chosen',
        test: false,
        confirmed: true,
      });
      assert.strictEqual(chosen.status, 'done', chosen.message);
      try {
        const result = await summarize();
        // The request went out: it failed only because the name does not resolve.
        assert.strictEqual(result.category, 'network', result.message);
        assert.ok(result.message!.includes(origin), result.message);
      } finally {
        await vscode.commands.executeCommand('inkwell.clearApiKey');
      }
    });

    it('asks "Send your key and text unencrypted to http://…?" before a stored key goes over plain http, even to a chosen endpoint', async () => {
      const origin = remote('plain', 'http');
      await vscode.commands.executeCommand('inkwell.chooseProvider', {
        preset: 'custom',
        baseUrl: `${origin}/v1`,
        model: 'test-model',
        apiKey: 'sk-plain',
        test: false,
        confirmed: true,
      });
      try {
        const result = await summarize();
        assert.strictEqual(result.category, 'consentDeclined', result.message);
        assert.ok(result.message!.includes(`"Send your key and text unencrypted to ${origin}?"`), result.message);
      } finally {
        await vscode.commands.executeCommand('inkwell.clearApiKey');
      }
    });

    it('never asks about an endpoint on this machine, even with a key over http', async () => {
      await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-loopback', { confirmed: true });
      try {
        local.server.enqueue({ kind: 'reply', text: 'ok' });
        const result = await summarize();
        assert.strictEqual(result.status, 'done', result.message);
        assert.strictEqual(local.server.requests.at(-1)!.headers.authorization, 'Bearer sk-loopback');
      } finally {
        await vscode.commands.executeCommand('inkwell.clearApiKey');
      }
    });
  });

  it('sends no OpenAI organization or project from the environment', async () => {
    const saved = { org: process.env.OPENAI_ORG_ID, project: process.env.OPENAI_PROJECT_ID };
    process.env.OPENAI_ORG_ID = 'org-from-the-shell';
    process.env.OPENAI_PROJECT_ID = 'proj-from-the-shell';
    try {
      local.server.enqueue({ kind: 'reply', text: 'ok' });
      assert.strictEqual((await summarize()).status, 'done');
    } finally {
      for (const [name, value] of [
        ['OPENAI_ORG_ID', saved.org],
        ['OPENAI_PROJECT_ID', saved.project],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const headers = local.server.requests.at(-1)!.headers;
    assert.strictEqual(headers['openai-organization'], undefined);
    assert.strictEqual(headers['openai-project'], undefined);
  });
});
