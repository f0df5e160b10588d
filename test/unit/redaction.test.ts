import * as assert from 'assert';
import type { EndpointConfig } from '../../src/generation/endpoint';
import { GenerationError } from '../../src/generation/errors';
import { OpenAIProvider } from '../../src/generation/openaiProvider';
import { redactedMark, redactingLog, redactSecrets, SecretRedactor } from '../../src/generation/redaction';
import { openaiErrors } from '../support/openaiScenarios';
import { FakeOpenAIServer } from '../support/openaiServer';

const key = 'sk-proj-Zq81kLm0pX7vRt4wNe2bYc9d';
const headerValue = 'team-token-5f1e9a7c33';

async function failureOf(provider: OpenAIProvider): Promise<GenerationError> {
  try {
    await provider.generate({ messages: [{ role: 'user', content: 'Say hello.' }] }, () => {});
  } catch (error) {
    assert.ok(error instanceof GenerationError, String(error));
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('Keeping the key and header values out of messages', () => {
  let server: FakeOpenAIServer;
  const endpoint = (): EndpointConfig => ({
    kind: 'openai',
    baseUrl: server.baseUrl,
    model: 'gpt-4o-mini',
    apiKey: key,
    headers: { 'X-Team-Token': headerValue, 'X-Title': 'Inkwell' },
    azureApiVersion: '2024-10-21',
    tokenLimitParameter: 'auto',
    idleTimeoutMs: 5000,
    maxRetries: 0,
  });

  before(async () => {
    server = await FakeOpenAIServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  for (const status of [400, 403, 500, 503, 418]) {
    it(`redacts the key and a header value that a ${status} error body echoes back`, async () => {
      server.enqueue(openaiErrors.echoingHeaders(['authorization', 'x-team-token'], status));
      const error = await failureOf(new OpenAIProvider(endpoint()));
      assert.strictEqual(server.requests.at(-1)!.headers.authorization, `Bearer ${key}`, 'the server did get the key');
      assert.ok(!error.message.includes(key), error.message);
      assert.ok(!error.message.includes(key.slice(0, 12)), 'not even its start');
      assert.ok(!error.message.includes(headerValue), error.message);
      assert.ok(error.message.includes(`authorization: Bearer ${redactedMark}`), error.message);
      assert.ok(error.message.includes(`x-team-token: ${redactedMark}`), error.message);
    });
  }

  it("keeps the app-naming X-Title header value, a word of Inkwell's own messages, in the message", async () => {
    server.enqueue(openaiErrors.echoingHeaders(['x-title'], 401));
    const error = await failureOf(new OpenAIProvider(endpoint()));
    assert.match(error.message, /Run "Inkwell: Set API Key"/);
  });

  it("redacts a key that the 200-character quote of the server's text would have cut in two", async () => {
    server.enqueue({
      kind: 'error',
      status: 400,
      error: { message: `${'x'.repeat(185)} ${key}`, type: 'invalid_request_error', param: null, code: null },
    });
    const error = await failureOf(new OpenAIProvider(endpoint()));
    assert.ok(!error.message.includes(key.slice(0, 10)), error.message);
  });

  it('redacts the key and header values from an error event in the middle of a stream', async () => {
    server.enqueue({
      kind: 'error',
      status: 500,
      afterChunks: 1,
      text: 'Partial',
      error: { message: `upstream failed for Bearer ${key} (${headerValue})`, type: 'server_error', param: null, code: null },
    });
    const error = await failureOf(new OpenAIProvider(endpoint()));
    assert.strictEqual(error.category, 'serverError');
    assert.ok(!error.message.includes(key) && !error.message.includes(headerValue), error.message);
  });

  it('redacts a key given in inkwell.extraHeaders, as "Bearer …" and alone', () => {
    const text = redactSecrets('sent Authorization: Bearer sk-header-key-123 and later sk-header-key-123 again', [
      'Bearer sk-header-key-123',
    ]);
    assert.strictEqual(text, `sent Authorization: ${redactedMark} and later ${redactedMark} again`);
  });

  it('redacts the URL-encoded and JSON-escaped forms of a secret', () => {
    const secret = 'p@ss"word/with+chars';
    assert.strictEqual(
      redactSecrets(`q=${encodeURIComponent(secret)} body={"k":${JSON.stringify(secret)}}`, [secret]),
      `q=${redactedMark} body={"k":"${redactedMark}"}`,
    );
  });

  it('leaves ordinary words alone when a header value is very short', () => {
    assert.strictEqual(redactSecrets('The server said: yes, 1 request', ['yes', '1']), 'The server said: yes, 1 request');
  });
});

describe('The log writer', () => {
  it('redacts every secret it has been told of from whatever is written, including errors', () => {
    const lines: unknown[] = [];
    const channel = {
      name: 'Inkwell',
      info: (line: string) => lines.push(line),
      error: (line: string | Error) => lines.push(line),
      appendLine: (line: string) => lines.push(line),
    };
    const secrets = new SecretRedactor();
    const log = redactingLog(channel, secrets);
    secrets.remember([key, headerValue]);
    log.info(`#1 user: my key is ${key}`);
    log.appendLine(`header ${headerValue}`);
    log.error(new Error(`failed with ${key}`));
    assert.strictEqual(log.name, 'Inkwell');
    assert.deepStrictEqual(lines.slice(0, 2), [`#1 user: my key is ${redactedMark}`, `header ${redactedMark}`]);
    assert.ok(lines[2] instanceof Error && lines[2].message === `failed with ${redactedMark}`);
    assert.ok(!String((lines[2] as Error).stack).includes(key));
  });
});
