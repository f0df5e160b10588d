import * as assert from 'assert';
import { consentQuestion, withGrant, type GrantedOrigins } from '../../src/consent/endpointConsent';
import { apiKeyProblem, normalizeApiKey } from '../../src/generation/apiKeyFormat';
import { isLoopbackEndpoint } from '../../src/generation/endpoint';

const nothing: GrantedOrigins = { text: [], plainKey: [] };

describe('Asking before text goes to an endpoint', () => {
  it('asks "Send your text to …?" about a new https origin, once: the grant covers every path on it', () => {
    const question = consentQuestion({ baseUrl: 'https://api.example.com/v1', apiKey: 'sk-x' }, nothing);
    assert.strictEqual(question?.message, 'Send your text to https://api.example.com?');
    assert.strictEqual(question.unencrypted, false);
    const granted = withGrant(nothing, question.origin, question.unencrypted);
    assert.strictEqual(consentQuestion({ baseUrl: 'https://api.example.com/other/v2', apiKey: 'sk-x' }, granted), undefined);
    assert.ok(consentQuestion({ baseUrl: 'https://api.example.com:8443/v1', apiKey: 'sk-x' }, granted), 'another port is another origin');
    assert.ok(consentQuestion({ baseUrl: 'https://api.example.co/v1', apiKey: 'sk-x' }, granted), 'a typo is another origin');
  });

  it('asks "Send your key and text unencrypted to http://…?" when a key would go over plain http, even where text may go', () => {
    const textOnly = withGrant(nothing, 'http://models.lan:8000', false);
    const question = consentQuestion({ baseUrl: 'http://models.lan:8000/v1', apiKey: 'sk-x' }, textOnly);
    assert.strictEqual(question?.message, 'Send your key and text unencrypted to http://models.lan:8000?');
    assert.strictEqual(question.unencrypted, true);
    const granted = withGrant(textOnly, question.origin, true);
    assert.strictEqual(consentQuestion({ baseUrl: 'http://models.lan:8000/v1', apiKey: 'sk-x' }, granted), undefined);
    assert.deepStrictEqual(granted, { text: ['http://models.lan:8000'], plainKey: ['http://models.lan:8000'] });
  });

  it('never asks about an endpoint on this machine', () => {
    for (const baseUrl of [
      'http://127.0.0.1:11434/v1',
      'http://localhost:1234/v1',
      'http://[::1]:8000/v1',
      'http://127.5.6.7/v1',
      'http://[::ffff:127.0.0.1]:8000/v1',
      'http://ollama.localhost/v1',
    ]) {
      assert.ok(isLoopbackEndpoint(baseUrl), baseUrl);
      assert.strictEqual(consentQuestion({ baseUrl, apiKey: 'sk-x' }, nothing), undefined, baseUrl);
    }
    for (const baseUrl of [
      'http://192.168.1.10/v1',
      'http://10.0.0.1/v1',
      'https://localhost.example.com/v1',
      'http://[::ffff:10.0.0.1]/v1',
    ]) {
      assert.ok(!isLoopbackEndpoint(baseUrl), baseUrl);
    }
  });
});

describe('Keys as they are stored', () => {
  it('trims the whitespace a paste leaves around a key', () => {
    assert.strictEqual(normalizeApiKey('  sk-abc123\n'), 'sk-abc123');
    assert.strictEqual(apiKeyProblem('  sk-abc123\n'), undefined);
  });

  it('rejects whitespace or control characters inside a key, saying where and what to do', () => {
    for (const [key, position] of [
      ['sk-one two', 7],
      ['sk-a\nsk-b', 5],
      ['sk-\u001b[0mkey', 4],
      ['sk-\u200bkey', 4],
      ['sk-\u00a0key', 4],
    ] as const) {
      const problem = apiKeyProblem(key);
      assert.ok(problem, JSON.stringify(key));
      assert.ok(problem.includes(`at position ${position}`), problem);
      assert.ok(problem.includes('Copy the key again'), problem);
    }
    assert.match(apiKeyProblem('   ')!, /empty/);
  });
});
