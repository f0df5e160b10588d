import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ChooseProviderResult } from '../../src/commands/chooseProvider';
import type { SwitchProfileResult } from '../../src/commands/switchProfile';
import { migrateSingleEndpoint } from '../../src/connection/profileSettings';
import type { EndpointProfile } from '../../src/generation/endpointProfiles';
import { readConfig } from '../../src/settings/config';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { FakeOpenAIServer } from '../support/openaiServer';
import { createTestChat } from './chatTestKit';
import { openWithSelection, setSettings, useLocalServer, useWorkspaceSettings, waitFor } from './editorTestKit';

/** The chat request a summary of a short text sent, on whichever server got it. */
async function summarize(): Promise<void> {
  await openWithSelection('«Profiles decide where this goes.»');
  await vscode.commands.executeCommand('inkwell.summarize');
}

function chats(server: FakeOpenAIServer) {
  return server.requests.filter((request) => request.chat);
}

function profile(name: string, server: FakeOpenAIServer, model = 'test-model'): EndpointProfile {
  return { name, provider: 'openai', baseUrl: server.baseUrl, model };
}

function switchProfile(args: unknown): Thenable<SwitchProfileResult> {
  return vscode.commands.executeCommand<SwitchProfileResult>('inkwell.switchProfile', args);
}

describe('Endpoint profiles', () => {
  const local = useLocalServer();
  let second: FakeOpenAIServer;
  before(async () => {
    second = await FakeOpenAIServer.start();
  });
  beforeEach(() => second.reset());
  after(() => second.close());
  afterEach(async () => {
    await setSettings({ profiles: undefined, activeProfile: undefined });
    // Keys live under each origin: forget both servers' before the next suite.
    for (const server of [second, local.server]) {
      await setSettings({ baseUrl: server.baseUrl });
      await vscode.commands.executeCommand('inkwell.clearApiKey');
    }
    await setSettings({ provider: undefined, model: 'test-model' });
  });

  it('turns the single-endpoint settings into a first profile named after the provider, keeping the endpoint and its key, once', async () => {
    await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-kept-through-migration', { confirmed: true });
    const migrated = await migrateSingleEndpoint({ get: async () => undefined });
    const name = `127.0.0.1:${local.server.port}`;
    assert.deepStrictEqual(migrated, { name, provider: 'openai', baseUrl: local.server.baseUrl, model: 'test-model' });
    assert.deepStrictEqual(readConfig().profiles, [migrated]);
    assert.strictEqual(readConfig().activeProfile, name);
    assert.strictEqual(
      vscode.workspace.getConfiguration('inkwell').inspect('baseUrl')?.globalValue,
      local.server.baseUrl,
      'the old setting stays',
    );
    await summarize();
    assert.strictEqual(chats(local.server).at(-1)?.headers.authorization, 'Bearer sk-kept-through-migration');
    assert.strictEqual(await migrateSingleEndpoint({ get: async () => undefined }), undefined, 'a second run changes nothing');
    assert.deepStrictEqual(readConfig().profiles, [migrated]);
  });

  it('sends the next request to the profile switched to, on its own port', async () => {
    await setSettings({ profiles: [profile('First', local.server), profile('Second', second, 'second-model')], activeProfile: 'First' });
    await summarize();
    assert.strictEqual(chats(local.server).length, 1);
    const switched = await switchProfile({ profile: 'second', confirmed: true });
    assert.strictEqual(switched.status, 'done', JSON.stringify(switched));
    assert.strictEqual(switched.profile, 'Second');
    await summarize();
    assert.strictEqual(chats(local.server).length, 1, 'nothing more went to the first profile');
    assert.strictEqual(chats(second).length, 1);
    assert.strictEqual((chats(second)[0].body as { model: string }).model, 'second-model');
  });

  it('asks before a call switches the profile, unless it says confirmed, and names the profiles when the name is unknown', async () => {
    await setSettings({ profiles: [profile('First', local.server), profile('Second', second)], activeProfile: 'First' });
    const asked = await switchProfile('Second');
    assert.strictEqual(asked.status, 'cancelled', 'the test host refuses the modal, as a user who did not start it would');
    assert.strictEqual(readConfig().activeProfile, 'First');
    const unknown = await switchProfile({ profile: 'Third', confirmed: true });
    assert.strictEqual(unknown.status, 'error');
    assert.match(unknown.message!, /no profile named "Third"\. Profiles: First, Second\./);
    const blank = await switchProfile({ profile: ' ' });
    assert.strictEqual(blank.category, 'badArgument');
  });

  it("never sends profile A's key to profile B's origin, and shares it with a profile on A's origin", async () => {
    await setSettings({
      profiles: [profile('A', local.server), profile('B', second), profile('A, other model', local.server, 'other-model')],
      activeProfile: 'A',
    });
    await vscode.commands.executeCommand('inkwell.setApiKey', 'sk-only-for-a', { confirmed: true });
    await summarize();
    assert.strictEqual(chats(local.server).at(-1)?.headers.authorization, 'Bearer sk-only-for-a');
    await switchProfile({ profile: 'B', confirmed: true });
    await summarize();
    assert.strictEqual(chats(second).length, 1);
    assert.strictEqual(chats(second)[0].headers.authorization, undefined, "A's key did not travel to B");
    await switchProfile({ profile: 'A, other model', confirmed: true });
    await summarize();
    assert.strictEqual(chats(local.server).at(-1)?.headers.authorization, 'Bearer sk-only-for-a');
    assert.ok(
      second.requests.every((request) => request.headers.authorization === undefined),
      'no request to B ever carried a key',
    );
  });

  it('creates a profile with Choose Provider and makes it active, then edits the active one, leaving the others', async () => {
    const first = profile('First', local.server);
    await setSettings({ profiles: [first], activeProfile: 'First' });
    const created = await vscode.commands.executeCommand<ChooseProviderResult>('inkwell.chooseProvider', {
      preset: 'ollama',
      baseUrl: second.baseUrl,
      model: 'test-model',
      newProfile: true,
      test: false,
      confirmed: true,
    });
    assert.strictEqual(created.status, 'done', JSON.stringify(created));
    assert.strictEqual(created.profile, 'Ollama');
    assert.deepStrictEqual(readConfig().profiles, [
      first,
      { name: 'Ollama', provider: 'openai', baseUrl: second.baseUrl, model: 'test-model' },
    ]);
    assert.strictEqual(readConfig().activeProfile, 'Ollama');
    const edited = await vscode.commands.executeCommand<ChooseProviderResult>('inkwell.chooseProvider', {
      preset: 'ollama',
      baseUrl: second.baseUrl,
      model: 'edited-model',
      test: false,
      confirmed: true,
    });
    assert.strictEqual(edited.profile, 'Ollama');
    assert.deepStrictEqual(readConfig().profiles, [
      first,
      { name: 'Ollama', provider: 'openai', baseUrl: second.baseUrl, model: 'edited-model' },
    ]);
    await summarize();
    assert.strictEqual((chats(second).at(-1)?.body as { model: string }).model, 'edited-model');
  });

  it('keeps the endpoint used so far as a profile when Choose Provider makes the first named one', async () => {
    const created = await vscode.commands.executeCommand<ChooseProviderResult>('inkwell.chooseProvider', {
      preset: 'ollama',
      baseUrl: second.baseUrl,
      model: 'test-model',
      profile: 'Second server',
      test: false,
      confirmed: true,
    });
    assert.strictEqual(created.status, 'done', JSON.stringify(created));
    assert.deepStrictEqual(
      readConfig().profiles.map((entry) => [entry.name, entry.baseUrl]),
      [
        [`127.0.0.1:${local.server.port}`, local.server.baseUrl],
        ['Second server', second.baseUrl],
      ],
    );
    assert.strictEqual(readConfig().activeProfile, 'Second server');
  });

  it('shows the active profile in the chat header, follows a switch, and switches from the header', async () => {
    await setSettings({ profiles: [profile('First', local.server), profile('Second', second)], activeProfile: 'First' });
    assert.strictEqual(parseWebviewMessage({ type: 'switchProfile' }).ok, true);
    assert.strictEqual(parseWebviewMessage({ type: 'switchProfile', profile: 'Second' }).ok, false, 'the page names no endpoint itself');
    const chat = createTestChat();
    try {
      assert.strictEqual(chat.session.header().profile, 'First');
      const handled = chat.session.handle({ type: 'switchProfile' });
      // The header opens the same quick pick as the status bar: the second row is the other profile.
      await new Promise((resolve) => setTimeout(resolve, 800));
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await handled;
      await waitFor(() => readConfig().activeProfile === 'Second', 'the switch from the header');
      await waitFor(
        () => chat.posted.some((message) => message.type === 'header' && message.header.profile === 'Second'),
        'the header to show the new profile',
      );
    } finally {
      chat.dispose();
    }
  });

  describe('in a workspace whose settings list profiles', () => {
    useWorkspaceSettings(
      {
        'inkwell.profiles': [{ name: 'Planted', provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'planted' }],
        'inkwell.activeProfile': 'Second',
        // A setting no one restricts: VS Code never shows the application-scoped ones from a workspace.
        'editor.tabSize': 5,
      },
      (shown) => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === (shown ? 5 : undefined),
    );

    it("ignores the workspace's profiles and active name, and keeps sending to the user's endpoint", async () => {
      assert.deepStrictEqual(readConfig().profiles, []);
      assert.strictEqual(readConfig().baseUrl, local.server.baseUrl);
      await setSettings({ profiles: [profile('First', local.server), profile('Second', second)], activeProfile: 'First' });
      assert.deepStrictEqual(
        readConfig().profiles.map((entry) => entry.name),
        ['First', 'Second'],
      );
      assert.strictEqual(readConfig().activeProfile, 'First', "the workspace's active name does not switch");
      await summarize();
      assert.strictEqual(chats(local.server).length, 1);
      assert.strictEqual(chats(second).length, 0);
    });
  });
});
