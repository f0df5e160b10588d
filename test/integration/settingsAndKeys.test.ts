import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { configDefaults, readConfig, settingKeys } from '../../src/settings/config';
import type { CommandResult } from '../../src/commands/services';
import { builtinTasks, outputModes } from '../../src/prompts/tasks';
import { readManifest } from '../support/manifestStrings';
import { FakeOpenAIServer } from '../support/openaiServer';
import { openWithSelection, setSettings, useLocalServer } from './editorTestKit';

const extensionRoot = path.resolve(__dirname, '../../..');

interface SettingSchema {
  default: unknown;
  scope?: string;
  order?: number;
  properties?: Record<string, { enum?: string[]; description?: string }>;
}
interface SettingsCategory {
  id: string;
  title: string;
  order?: number;
  properties: Record<string, SettingSchema>;
}
const manifest = readManifest<{ contributes: { configuration: SettingsCategory[]; commands: Array<{ command: string }> } }>(
  'en',
  extensionRoot,
);
const categories = manifest.contributes.configuration;
/** Every setting of every category; a name listed twice would keep only its last schema here. */
const properties: Record<string, SettingSchema> = Object.assign({}, ...categories.map((category) => category.properties));

/** Commands VS Code derives from a contributed view, not ours to register. */
const derivedFromViews = /\.(focus|resetViewLocation|toggleVisibility|removeView|open)$|^workbench\./;

/**
 * Runs "Inkwell: Show Log" and reads the channel as the Output view shows it:
 * VS Code opens the channel as a read-only `output:` document.
 */
async function showLogAndRead(until: (text: string) => boolean): Promise<string> {
  await vscode.commands.executeCommand('inkwell.showLog');
  let text = '';
  for (let waited = 0; waited < 10000; waited += 200) {
    text =
      vscode.workspace.textDocuments
        .find((document) => document.uri.scheme === 'output' && document.uri.path.endsWith('Inkwell'))
        ?.getText() ?? '';
    if (until(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`the Inkwell log never showed the expected lines; it held:\n${text}`);
}

/** The Authorization header a summary of a short text carried to the local server. */
async function authorizationSent(server: FakeOpenAIServer): Promise<string | undefined> {
  await openWithSelection('«Text.»');
  server.enqueue({ kind: 'reply', text: 'ok' });
  await vscode.commands.executeCommand('inkwell.summarize');
  return server.requests.at(-1)!.headers.authorization;
}

describe('Settings and keys', () => {
  const local = useLocalServer();

  it('has typed defaults equal to the manifest defaults for every setting, and no extra setting', () => {
    for (const [key, name] of Object.entries(settingKeys)) {
      const declared = properties[`inkwell.${name}`];
      assert.ok(declared, `inkwell.${name} is not in package.json`);
      assert.deepStrictEqual(declared.default, configDefaults[key as keyof typeof configDefaults], `default of inkwell.${name}`);
    }
    const known = new Set(Object.values(settingKeys).map((name) => `inkwell.${name}`));
    const missing = Object.keys(properties).filter((name) => !known.has(name));
    assert.deepStrictEqual(missing, [], 'settings missing from src/settings/config.ts');
  });

  it('groups every setting, once, in ordered categories with Connection first', () => {
    assert.deepStrictEqual(
      categories.map((category) => [category.title, category.order]),
      [
        ['Connection', 1],
        ['Writing', 2],
        ['Chat', 3],
        ['Advanced', 4],
      ],
    );
    const listed = categories.flatMap((category) => Object.keys(category.properties));
    assert.deepStrictEqual(
      listed.filter((name, index) => listed.indexOf(name) !== index),
      [],
      'settings listed twice',
    );
    for (const category of categories) {
      const orders = Object.entries(category.properties).map(([name, schema]) => {
        assert.ok(Number.isInteger(schema.order), `${name} has no order`);
        return schema.order!;
      });
      assert.strictEqual(new Set(orders).size, orders.length, `two settings share an order in ${category.title}`);
    }
    assert.deepStrictEqual(Object.keys(categories[0].properties).slice(0, 3), ['inkwell.provider', 'inkwell.baseUrl', 'inkwell.model']);
  });

  it('offers each command that reads inkwell.output as a property with every output mode', () => {
    const output = properties['inkwell.output'].properties!;
    for (const [task, schema] of Object.entries(output)) {
      assert.ok(task in builtinTasks, `inkwell.output.${task} is no task`);
      assert.deepStrictEqual(schema.enum, [...outputModes], task);
      const defaultOutput = builtinTasks[task as keyof typeof builtinTasks].defaultOutput;
      assert.ok(
        schema.description?.endsWith(`(default: ${defaultOutput}).`),
        `inkwell.output.${task} names its default ${defaultOutput}: ${schema.description}`,
      );
    }
    assert.deepStrictEqual(Object.keys(output).sort(), [
      'changeTone',
      'continueWriting',
      'editWithInstruction',
      'explain',
      'fixGrammar',
      'improve',
      'longer',
      'outline',
      'shorter',
      'summarize',
      'translate',
    ]);
  });

  it('declares the endpoint settings application-scoped so a workspace cannot redirect requests', () => {
    for (const name of ['provider', 'baseUrl', 'extraHeaders', 'azure.apiVersion', 'azure.deployment']) {
      assert.strictEqual(properties[`inkwell.${name}`].scope, 'application', name);
    }
  });

  it('ignores a workspace value of inkwell.baseUrl and keeps sending to the user setting', async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip();
    const settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(
      settingsFile,
      JSON.stringify({ 'inkwell.baseUrl': 'http://127.0.0.1:9/v1', 'inkwell.extraHeaders': { 'x-stolen': 'yes' } }),
    );
    try {
      // Let VS Code read the workspace file before the request.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.strictEqual(readConfig().baseUrl, local.server.baseUrl);
      await openWithSelection('«Workspace trust test.»');
      local.server.enqueue({ kind: 'reply', text: 'ok' });
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      assert.strictEqual(result.status, 'done', JSON.stringify(result));
      const request = local.server.requests.filter((r) => r.chat).at(-1)!;
      assert.strictEqual(request.headers['x-stolen'], undefined);
    } finally {
      fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
    }
  });

  it('stores the API key from the command argument in secret storage and sends it as a bearer token', async () => {
    await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-integration-secret', { confirmed: true });
    try {
      assert.strictEqual(await authorizationSent(local.server), 'Bearer sk-integration-secret');
      const everySetting = JSON.stringify(vscode.workspace.getConfiguration('inkwell'));
      assert.ok(!everySetting.includes('sk-integration-secret'), 'the key must never be in settings');
    } finally {
      await vscode.commands.executeCommand('inkwell.clearApiKey');
    }
    assert.strictEqual(await authorizationSent(local.server), undefined, 'cleared key is no longer sent, nor any stand-in');
  });

  it("keeps keys per endpoint origin, so one provider's key is never sent to another", async () => {
    await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-for-the-local-server', { confirmed: true });
    try {
      await setSettings({ baseUrl: 'https://api.openai.com/v1' });
      await openWithSelection('«Text.»');
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      assert.strictEqual(result.category, 'missingKey');
      assert.ok(result.actions?.includes('Set API Key'));
      assert.match(result.message!, /No key stored for https:\/\/api\.openai\.com\. Run "Inkwell: Set API Key"/);
    } finally {
      await setSettings({ baseUrl: local.server.baseUrl });
      await vscode.commands.executeCommand('inkwell.clearApiKey');
    }
  });

  describe('against a local server that wants a key', () => {
    let locked: FakeOpenAIServer;
    before(async () => {
      locked = await FakeOpenAIServer.start({ requireApiKey: 'sk-locked-right' });
    });
    after(() => locked.close());
    beforeEach(() => setSettings({ baseUrl: locked.baseUrl }));
    afterEach(async () => {
      await vscode.commands.executeCommand('inkwell.clearApiKey');
      await setSettings({ baseUrl: local.server.baseUrl });
    });

    it('says no key is stored for its origin and offers Set API Key, when none is stored', async () => {
      await openWithSelection('«Text.»');
      const summary = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      const connection = await vscode.commands.executeCommand<CommandResult>('inkwell.testConnection');
      for (const result of [summary, connection]) {
        assert.strictEqual(result.status, 'error');
        assert.strictEqual(result.category, 'missingKey', result.message);
        assert.ok(
          result.message!.startsWith(
            `Inkwell: No key stored for ${locked.origin} and the server asks for one (401). Run "Inkwell: Set API Key"`,
          ),
          result.message,
        );
        assert.doesNotMatch(result.message!, /rejected/);
        assert.deepStrictEqual(result.actions?.[0], 'Set API Key');
      }
      assert.ok(
        locked.requests.every((request) => request.headers.authorization === undefined),
        'no stand-in key was sent',
      );
    });

    it('says the key was rejected only when one was sent, and works with the right one', async () => {
      await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-locked-wrong', { confirmed: true });
      await openWithSelection('«Text.»');
      const rejected = await vscode.commands.executeCommand<CommandResult>('inkwell.summarize');
      assert.strictEqual(rejected.category, 'authFailed');
      assert.match(rejected.message!, new RegExp(`${locked.origin} rejected the API key \\(401\\)`));
      assert.ok(rejected.actions?.includes('Set API Key'));
      await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-locked-right', { confirmed: true });
      const connected = await vscode.commands.executeCommand<CommandResult>('inkwell.testConnection');
      assert.strictEqual(connected.status, 'done', connected.message);
    });
  });

  it('shows every request and every error in Show Log at the default level, never the key', async () => {
    const locked = await FakeOpenAIServer.start({ requireApiKey: 'sk-locked-right' });
    const down = await FakeOpenAIServer.start();
    await down.close();
    const wrongKey = 'sk-never-in-the-log-4711';
    try {
      await setSettings({ baseUrl: locked.baseUrl });
      await vscode.commands.executeCommand('inkwell.setApiKey', wrongKey, { confirmed: true });
      await openWithSelection('«A sentence that must not reach the log.»');
      assert.strictEqual((await vscode.commands.executeCommand<CommandResult>('inkwell.summarize')).category, 'authFailed');
      assert.strictEqual((await vscode.commands.executeCommand<CommandResult>('inkwell.testConnection')).category, 'authFailed');
      await setSettings({ baseUrl: down.baseUrl });
      assert.strictEqual((await vscode.commands.executeCommand<CommandResult>('inkwell.summarize')).category, 'network');
    } finally {
      await setSettings({ baseUrl: locked.baseUrl });
      await vscode.commands.executeCommand('inkwell.clearApiKey');
      await setSettings({ baseUrl: local.server.baseUrl });
      await locked.close();
    }
    const log = await showLogAndRead((text) => text.includes(`✗ network`));
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const lockedOrigin = escape(locked.origin);
    assert.match(log, new RegExp(`\\[info\\] #\\d+ → ${lockedOrigin} model=test-model messages=\\d+ inputChars=\\d+ maxTokens=777`));
    assert.match(
      log,
      new RegExp(
        `\\[warning\\] #\\d+ ✗ authFailed status=401 partialChars=0 after=\\d+ms \\(${lockedOrigin} model=test-model\\): ${lockedOrigin} rejected the API key`,
      ),
    );
    assert.match(log, new RegExp(`\\[info\\] #\\d+ → ${lockedOrigin} list models`));
    assert.match(log, /\[warning\] #\d+ ✗ authFailed status=401 after=\d+ms/);
    assert.match(
      log,
      new RegExp(
        `\\[warning\\] #\\d+ ✗ network partialChars=0 after=\\d+ms \\(${escape(down.origin)} model=test-model\\): Cannot reach ${escape(down.origin)}: nothing is listening there`,
      ),
    );
    assert.ok(!log.includes(wrongKey), 'the key is never logged');
    assert.ok(!log.includes('must not reach the log'), 'content is not logged while inkwell.logContent is off');
  });

  it('fills base URL and model from a provider preset and stores the given key', async () => {
    try {
      await vscode.commands.executeCommand('inkwell.chooseProvider', { preset: 'deepseek', apiKey: 'sk-deepseek', confirmed: true });
      const config = readConfig();
      assert.strictEqual(config.baseUrl, 'https://api.deepseek.com/v1');
      assert.strictEqual(config.model, 'deepseek-chat');
      assert.strictEqual(config.provider, 'openai');
      await vscode.commands.executeCommand('inkwell.chooseProvider', { preset: 'ollama', confirmed: true });
      assert.strictEqual(readConfig().baseUrl, 'http://localhost:11434/v1');
    } finally {
      await setSettings({ baseUrl: 'https://api.deepseek.com/v1' });
      await vscode.commands.executeCommand('inkwell.clearApiKey');
      await setSettings({ baseUrl: local.server.baseUrl, model: 'test-model', provider: undefined });
    }
  });

  it('tests the connection with the model list and a one-token completion and reports the latency', async () => {
    const report = await vscode.commands.executeCommand<CommandResult & { models?: string[]; completionMs?: number }>(
      'inkwell.testConnection',
    );
    assert.strictEqual(report.status, 'done', JSON.stringify(report));
    assert.ok(report.models?.includes('test-model'));
    assert.ok(typeof report.completionMs === 'number');
    assert.match(report.message!, /connected\. model list in \d+ ms, "test-model" answered in \d+ ms/);
    const completion = local.server.requests.filter((r) => r.chat).at(-1)!;
    assert.strictEqual((completion.body as { max_tokens: number }).max_tokens, 1);
  });

  it('explains a base URL without /v1 when testing the connection', async () => {
    await setSettings({ baseUrl: local.server.origin });
    try {
      const report = await vscode.commands.executeCommand<CommandResult>('inkwell.testConnection');
      assert.strictEqual(report.category, 'badBaseUrl');
      assert.ok(report.message!.includes(`${local.server.origin}/v1`), report.message);
    } finally {
      await setSettings({ baseUrl: local.server.baseUrl });
    }
  });

  describe('commands that change where text goes or which key is used', () => {
    it('asks before Choose Provider with arguments changes anything, unless the call says confirmed', async () => {
      const before = readConfig();
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.chooseProvider', {
        preset: 'deepseek',
        apiKey: 'sk-from-another-extension',
      });
      assert.strictEqual(result.status, 'cancelled', JSON.stringify(result));
      assert.strictEqual(readConfig().baseUrl, before.baseUrl);
      assert.strictEqual(readConfig().model, before.model);
      const byName = await vscode.commands.executeCommand<CommandResult>('inkwell.chooseProvider', 'ollama');
      assert.strictEqual(byName.status, 'cancelled');
      assert.strictEqual(readConfig().baseUrl, before.baseUrl);
    });

    it('asks before Set API Key stores a key given as argument, unless the call says confirmed', async () => {
      const result = await vscode.commands.executeCommand<CommandResult>('inkwell.setApiKey', 'sk-from-another-extension');
      assert.strictEqual(result.status, 'cancelled', JSON.stringify(result));
      assert.strictEqual(await authorizationSent(local.server), undefined, 'no key was stored');
    });

    it('rejects a key with a space, line break or control character inside, naming the fix, and trims one pasted with spaces around it', async () => {
      for (const bad of ['sk-first sk-second', 'sk-one\nline', 'sk-\u0007bell', 'sk-zero\u200bwidth']) {
        const result = await vscode.commands.executeCommand<CommandResult>('inkwell.setApiKey', bad, { confirmed: true });
        assert.strictEqual(result.status, 'error', JSON.stringify(bad));
        assert.match(result.message!, /not stored\. The key contains .* Copy the key again/, result.message);
      }
      const chosen = await vscode.commands.executeCommand<CommandResult>('inkwell.chooseProvider', {
        preset: 'custom',
        baseUrl: local.server.baseUrl,
        model: 'test-model',
        apiKey: 'sk-a\tb',
        test: false,
        confirmed: true,
      });
      assert.strictEqual(chosen.status, 'error', chosen.message);
      await vscode.commands.executeCommand('inkwell.setApiKey', '  sk-pasted-with-spaces \n', { confirmed: true });
      try {
        assert.strictEqual(await authorizationSent(local.server), 'Bearer sk-pasted-with-spaces');
      } finally {
        await vscode.commands.executeCommand('inkwell.clearApiKey');
      }
    });

    it('asks before exporting the chat to a path given as argument, and never replaces a file on confirmed alone', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-export-'));
      try {
        const fresh = path.join(folder, 'new.md');
        const asked = await vscode.commands.executeCommand<CommandResult>('inkwell.chat.exportConversation', fresh);
        assert.strictEqual(asked.status, 'cancelled', JSON.stringify(asked));
        assert.ok(!fs.existsSync(fresh), 'nothing written without an answer');
        const existing = path.join(folder, 'notes.md');
        fs.writeFileSync(existing, 'my own notes');
        const kept = await vscode.commands.executeCommand<CommandResult>('inkwell.chat.exportConversation', existing, { confirmed: true });
        assert.strictEqual(kept.status, 'cancelled');
        assert.match(kept.message!, /already exists.*overwrite: true/);
        const single = await vscode.commands.executeCommand<CommandResult>('inkwell.chat.exportConversation', {
          target: existing,
          confirmed: true,
        });
        assert.strictEqual(single.status, 'cancelled');
        assert.strictEqual(fs.readFileSync(existing, 'utf8'), 'my own notes');
        const replaced = await vscode.commands.executeCommand<CommandResult>('inkwell.chat.exportConversation', existing, {
          confirmed: true,
          overwrite: true,
        });
        assert.notStrictEqual(replaced.status, 'cancelled', 'confirmed with overwrite reaches the export');
      } finally {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  it('registers every command in package.json, and only those', async () => {
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('inkwell.') && !derivedFromViews.test(id));
    const declared = manifest.contributes.commands.map((entry) => entry.command);
    assert.deepStrictEqual([...registered].sort(), [...declared].sort());
  });
});
