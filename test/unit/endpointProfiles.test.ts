import * as assert from 'assert';
import {
  activeProfile,
  editedProfile,
  migratedProfile,
  parseProfiles,
  profileKeyId,
  profileNameFor,
  uniqueName,
  withProfile,
  type EndpointFields,
  type EndpointProfile,
} from '../../src/generation/endpointProfiles';

const defaults: Required<EndpointFields> = {
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  extraHeaders: {},
  contextWindow: 0,
};

const work: EndpointProfile = { name: 'Work', provider: 'azure', baseUrl: 'https://work.openai.azure.com', model: 'gpt-4o' };
const home: EndpointProfile = { name: 'Home', provider: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' };

describe('Endpoint profiles', () => {
  describe('migrating the single-endpoint settings', () => {
    it('makes the settings the user chose a first profile named after the provider, keeping every field', () => {
      const profile = migratedProfile(
        undefined,
        { baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', extraHeaders: { 'x-team': 'docs' }, contextWindow: 64000 },
        defaults,
        false,
      );
      assert.deepStrictEqual(profile, {
        name: 'DeepSeek',
        provider: 'openai',
        baseUrl: 'https://api.deepseek.com/v1',
        model: 'deepseek-chat',
        extraHeaders: { 'x-team': 'docs' },
        contextWindow: 64000,
      });
    });

    it('keeps the base URL as it was, so the key stored under its origin is found under the same name', () => {
      const baseUrl = 'http://127.0.0.1:8787/v1';
      const profile = migratedProfile(undefined, { baseUrl, model: 'test-model' }, defaults, false)!;
      assert.strictEqual(profile.baseUrl, baseUrl);
      assert.strictEqual(profileKeyId(profile), 'inkwell.apiKey:http://127.0.0.1:8787');
      assert.strictEqual(profile.name, '127.0.0.1:8787', 'an endpoint no preset knows is named after its host');
    });

    it('migrates the default endpoint when only a key was stored for it', () => {
      assert.deepStrictEqual(migratedProfile(undefined, {}, defaults, true), {
        name: 'OpenAI',
        ...{ provider: 'openai', baseUrl: defaults.baseUrl, model: defaults.model },
      });
    });

    it('makes nothing for a newcomer who chose nothing, so the setup welcome still shows', () => {
      assert.strictEqual(migratedProfile(undefined, {}, defaults, false), undefined);
    });

    it('changes nothing once inkwell.profiles was written, even emptied, so running it again is harmless', () => {
      assert.strictEqual(migratedProfile([work], { baseUrl: 'https://api.deepseek.com/v1' }, defaults, true), undefined);
      assert.strictEqual(migratedProfile([], { baseUrl: 'https://api.deepseek.com/v1' }, defaults, true), undefined);
    });

    it('names Azure and VS Code language-model endpoints after their provider', () => {
      assert.strictEqual(
        migratedProfile(undefined, { provider: 'azure', baseUrl: 'https://r.openai.azure.com' }, defaults, false)?.name,
        'Azure OpenAI',
      );
      assert.strictEqual(
        migratedProfile(undefined, { provider: 'vscode', model: 'copilot-gpt-4o' }, defaults, false)?.name,
        'VS Code Language Models',
      );
    });
  });

  describe('choosing the active profile', () => {
    it('uses the profile the active name names, in any case', () => {
      assert.strictEqual(activeProfile([work, home], 'home'), home);
    });

    it('falls back to the first profile for an empty or unknown name, and to none without profiles', () => {
      assert.strictEqual(activeProfile([work, home], ''), work);
      assert.strictEqual(activeProfile([work, home], 'Removed on another machine'), work);
      assert.strictEqual(activeProfile([], 'Work'), undefined);
    });

    it('reads only valid entries of a hand-edited list, the first of two with one name', () => {
      const parsed = parseProfiles([
        work,
        { ...home, name: 'work' },
        { name: '', provider: 'openai', baseUrl: 'https://a.example/v1', model: 'm' },
        { name: 'Bad provider', provider: 'anthropic', baseUrl: 'https://a.example/v1', model: 'm' },
        { name: 'No URL', provider: 'openai', baseUrl: ' ', model: 'm' },
        { name: 'Copilot', provider: 'vscode', baseUrl: '', model: 'gpt-4o', contextWindow: -3, extraHeaders: { a: 1, b: 'two' } },
        'not a profile',
      ]);
      assert.deepStrictEqual(parsed, [
        work,
        { name: 'Copilot', provider: 'vscode', baseUrl: '', model: 'gpt-4o', extraHeaders: { b: 'two' } },
      ]);
      assert.deepStrictEqual(parseProfiles({ Work: work }), []);
    });
  });

  describe('keys', () => {
    it('names a profile key by its origin, so two profiles on one origin share it and another origin never gets it', () => {
      const chat = { provider: 'openai' as const, baseUrl: 'https://api.example.com/v1' };
      const batch = { provider: 'openai' as const, baseUrl: 'https://api.example.com/batch/v2' };
      const otherPort = { provider: 'openai' as const, baseUrl: 'https://api.example.com:8443/v1' };
      assert.strictEqual(profileKeyId(chat), profileKeyId(batch));
      assert.strictEqual(profileKeyId(chat), 'inkwell.apiKey:https://api.example.com');
      assert.notStrictEqual(profileKeyId(chat), profileKeyId(otherPort));
      assert.notStrictEqual(profileKeyId(home), profileKeyId(work));
      assert.strictEqual(profileKeyId({ provider: 'vscode', baseUrl: 'https://api.example.com/v1' }), undefined);
    });
  });

  describe('editing', () => {
    it('drops extra headers when the profile moves to another origin, and the context window when the model changes', () => {
      const withExtras: EndpointProfile = { ...work, extraHeaders: { 'x-tenant': 'acme' }, contextWindow: 128000 };
      assert.deepStrictEqual(editedProfile(withExtras, { baseUrl: 'https://work.openai.azure.com/other' }), {
        ...withExtras,
        baseUrl: 'https://work.openai.azure.com/other',
      });
      const moved = editedProfile(withExtras, { baseUrl: 'https://elsewhere.example/v1', model: 'gpt-4.1' });
      assert.deepStrictEqual(moved, { ...work, baseUrl: 'https://elsewhere.example/v1', model: 'gpt-4.1' });
    });

    it('replaces the profile of the same name in place and adds a new one at the end', () => {
      assert.deepStrictEqual(withProfile([work, home], { ...home, name: 'HOME', model: 'qwen' }), [
        work,
        { ...home, name: 'HOME', model: 'qwen' },
      ]);
      assert.deepStrictEqual(withProfile([work], home), [work, home]);
    });

    it('numbers a name that is taken', () => {
      assert.strictEqual(uniqueName('Ollama', ['ollama', 'Ollama 2']), 'Ollama 3');
      assert.strictEqual(profileNameFor({ provider: 'openai', baseUrl: 'http://localhost:11434/v1' }, ['Ollama']), 'Ollama 2');
    });
  });
});
