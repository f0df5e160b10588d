import * as assert from 'assert';
import type { EndpointConfig } from '../../src/generation/endpoint';
import { GenerationError, type GenerationErrorCategory } from '../../src/generation/errors';
import { OpenAIProvider } from '../../src/generation/openaiProvider';
import type { GenerationOutcome, GenerationRequest } from '../../src/generation/types';
import { openaiErrors } from '../support/openaiScenarios';
import { FakeOpenAIServer } from '../support/openaiServer';
import { testEndpoint } from './testEndpoint';

const question: GenerationRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello.' },
  ],
};

function endpoint(server: FakeOpenAIServer, overrides: Partial<EndpointConfig> = {}): EndpointConfig {
  return testEndpoint({ baseUrl: server.baseUrl, apiKey: 'sk-test', ...overrides });
}

async function collect(
  provider: OpenAIProvider,
  request: GenerationRequest = question,
): Promise<{ deltas: string[]; outcome: GenerationOutcome }> {
  const deltas: string[] = [];
  const outcome = await provider.generate(request, (text) => deltas.push(text));
  return { deltas, outcome };
}

async function failure(promise: Promise<unknown>): Promise<GenerationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GenerationError, `expected a GenerationError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the generation to fail');
}

async function expectCategory(
  server: FakeOpenAIServer,
  category: GenerationErrorCategory,
  overrides: Partial<EndpointConfig> = {},
  request = question,
): Promise<GenerationError> {
  const error = await failure(new OpenAIProvider(endpoint(server, overrides)).generate(request, () => {}));
  assert.strictEqual(error.category, category, error.message);
  return error;
}

describe('The OpenAI-compatible provider', () => {
  let server: FakeOpenAIServer;

  before(async () => {
    server = await FakeOpenAIServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  describe('streaming', () => {
    it('streams text deltas in order and ends with the finish reason and token usage', async () => {
      server.enqueue({ kind: 'reply', chunks: ['Hel', 'lo ', 'there', '.'] });
      const { deltas, outcome } = await collect(new OpenAIProvider(endpoint(server)));
      assert.deepStrictEqual(deltas, ['Hel', 'lo ', 'there', '.']);
      assert.strictEqual(outcome.text, 'Hello there.');
      assert.strictEqual(outcome.finishReason, 'stop');
      assert.ok(outcome.usage && outcome.usage.completionTokens > 0 && outcome.usage.promptTokens > 0, 'usage from the final chunk');
      assert.strictEqual(outcome.usage.totalTokens, outcome.usage.promptTokens + outcome.usage.completionTokens);
    });

    it('sends the messages, model, temperature, token limit and stop sequences and asks for usage', async () => {
      await collect(new OpenAIProvider(endpoint(server)), {
        ...question,
        model: 'gpt-4o',
        temperature: 0.2,
        maxOutputTokens: 321,
        stop: ['END'],
      });
      const body = server.requests.at(-1)!.body as Record<string, unknown>;
      assert.deepStrictEqual(body.messages, question.messages);
      assert.strictEqual(body.model, 'gpt-4o');
      assert.strictEqual(body.temperature, 0.2);
      assert.strictEqual(body.max_tokens, 321);
      assert.deepStrictEqual(body.stop, ['END']);
      assert.strictEqual(body.stream, true);
      assert.deepStrictEqual(body.stream_options, { include_usage: true });
    });

    it('sends max_completion_tokens and no temperature to reasoning models', async () => {
      await collect(new OpenAIProvider(endpoint(server)), { ...question, model: 'o3-mini', temperature: 0.7, maxOutputTokens: 100 });
      const body = server.requests.at(-1)!.body as Record<string, unknown>;
      assert.strictEqual(body.max_completion_tokens, 100);
      assert.ok(!('max_tokens' in body));
      assert.ok(!('temperature' in body));
    });

    it('sends the token limit under the name the endpoint is set to accept', async () => {
      await collect(new OpenAIProvider(endpoint(server, { tokenLimitParameter: 'max_completion_tokens' })), {
        ...question,
        model: 'gpt-4o',
        maxOutputTokens: 50,
      });
      const body = server.requests.at(-1)!.body as Record<string, unknown>;
      assert.strictEqual(body.max_completion_tokens, 50);
      assert.ok(!('max_tokens' in body));
    });

    it('names inkwell.tokenLimitParameter when a server refuses the token limit parameter', async () => {
      const error = await expectCategory(
        server,
        'badRequest',
        { tokenLimitParameter: 'max_tokens' },
        { ...question, model: 'o3-mini', maxOutputTokens: 50 },
      );
      assert.match(error.message, /inkwell\.tokenLimitParameter/);
    });

    it('keeps DeepSeek-style reasoning_content out of the answer', async () => {
      server.enqueue({ kind: 'reply', reasoning: 'Let me think about greetings first.', text: 'Hello!' });
      const { deltas, outcome } = await collect(new OpenAIProvider(endpoint(server)));
      assert.strictEqual(deltas.join(''), 'Hello!');
      assert.strictEqual(outcome.text, 'Hello!');
    });

    it('returns every choice when several alternatives are asked for', async () => {
      server.enqueue({ kind: 'reply', choices: ['First version.', 'Second version.', 'Third version.'] });
      const { deltas, outcome } = await collect(new OpenAIProvider(endpoint(server)), { ...question, n: 3 });
      assert.deepStrictEqual(outcome.choices, ['First version.', 'Second version.', 'Third version.']);
      assert.strictEqual(deltas.join(''), 'First version.');
      assert.strictEqual((server.requests.at(-1)!.body as { n: number }).n, 3);
    });

    it('sends the extra headers and the key as a bearer token', async () => {
      await collect(new OpenAIProvider(endpoint(server, { headers: { 'HTTP-Referer': 'https://inkwell.example' } })));
      const headers = server.requests.at(-1)!.headers;
      assert.strictEqual(headers['http-referer'], 'https://inkwell.example');
      assert.strictEqual(headers.authorization, 'Bearer sk-test');
    });

    it('talks to Azure OpenAI through the deployment path with the api-version and api-key header', async () => {
      await collect(
        new OpenAIProvider(
          endpoint(server, { kind: 'azure', baseUrl: server.origin, azureDeployment: 'my-deployment', azureApiVersion: '2024-10-21' }),
        ),
      );
      const request = server.requests.at(-1)!;
      assert.strictEqual(request.deployment, 'my-deployment');
      assert.strictEqual(request.apiVersion, '2024-10-21');
      assert.strictEqual(request.headers['api-key'], 'sk-test');
    });

    it('needs no key for a loopback server such as Ollama, and sends none', async () => {
      const { outcome } = await collect(new OpenAIProvider(endpoint(server, { apiKey: undefined })));
      assert.strictEqual(outcome.finishReason, 'stop');
      assert.strictEqual(server.requests.at(-1)!.headers.authorization, undefined);
      await new OpenAIProvider(endpoint(server, { apiKey: undefined })).listModels();
      assert.strictEqual(server.requests.at(-1)!.headers.authorization, undefined);
    });

    it('lists the models the endpoint serves', async () => {
      const models = await new OpenAIProvider(endpoint(server)).listModels();
      assert.ok(models.includes('gpt-4o-mini') && models.includes('deepseek-chat'), models.join(','));
    });
  });

  describe('errors, one category each with the fix in the message', () => {
    it('says no key is stored for a remote endpoint without one, before sending anything', async () => {
      const provider = new OpenAIProvider(endpoint(server, { baseUrl: 'https://api.openai.com/v1', apiKey: undefined }));
      for (const attempt of [provider.generate(question, () => {}), provider.listModels()]) {
        const error = await failure(attempt);
        assert.strictEqual(error.category, 'missingKey');
        assert.match(error.message, /^No key stored for https:\/\/api\.openai\.com\. Run "Inkwell: Set API Key"/);
      }
    });

    it('adds the note on where keys may have gone to a missing-key message', async () => {
      const note = 'Keys set before a reload are gone.';
      const error = await failure(
        new OpenAIProvider(endpoint(server, { baseUrl: 'https://api.openai.com/v1', apiKey: undefined, missingKeyNote: note })).generate(
          question,
          () => {},
        ),
      );
      assert.ok(error.message.endsWith(note), error.message);
    });

    describe('against a local server that wants a key', () => {
      let locked: FakeOpenAIServer;
      before(async () => {
        locked = await FakeOpenAIServer.start({ requireApiKey: 'sk-right-key' });
      });
      after(() => locked.close());

      it('says no key is stored, not that a key was rejected, when none was sent (401)', async () => {
        for (const attempt of [(p: OpenAIProvider) => p.generate(question, () => {}), (p: OpenAIProvider) => p.listModels()]) {
          const error = await failure(attempt(new OpenAIProvider(endpoint(locked, { apiKey: undefined }))));
          assert.strictEqual(error.category, 'missingKey');
          assert.strictEqual(error.details.status, 401);
          assert.match(
            error.message,
            new RegExp(`^No key stored for ${locked.origin} and the server asks for one \\(401\\)\\. Run "Inkwell: Set API Key"`),
          );
          assert.doesNotMatch(error.message, /rejected/);
          assert.strictEqual(locked.requests.at(-1)!.headers.authorization, undefined, 'no placeholder key was sent');
        }
      });

      it('calls a 401 a rejected key when a key was sent, without echoing it', async () => {
        const error = await failure(new OpenAIProvider(endpoint(locked, { apiKey: 'sk-wrong-key-4321' })).generate(question, () => {}));
        assert.strictEqual(error.category, 'authFailed');
        assert.match(error.message, /rejected the API key \(401\)/);
        assert.ok(!error.message.includes('sk-wrong-key-4321'));
      });

      it('counts a key given in inkwell.extraHeaders as sent', async () => {
        const error = await failure(
          new OpenAIProvider(endpoint(locked, { apiKey: undefined, headers: { Authorization: 'Bearer sk-in-headers' } })).generate(
            question,
            () => {},
          ),
        );
        assert.strictEqual(error.category, 'authFailed');
        assert.strictEqual(locked.requests.at(-1)!.headers.authorization, 'Bearer sk-in-headers');
        const { outcome } = await collect(
          new OpenAIProvider(endpoint(locked, { apiKey: undefined, headers: { Authorization: 'Bearer sk-right-key' } })),
        );
        assert.strictEqual(outcome.finishReason, 'stop');
      });

      it('sends the stored key as a bearer token and gets the answer', async () => {
        const { outcome } = await collect(new OpenAIProvider(endpoint(locked, { apiKey: 'sk-right-key' })));
        assert.strictEqual(outcome.finishReason, 'stop');
        assert.strictEqual(locked.requests.at(-1)!.headers.authorization, 'Bearer sk-right-key');
      });
    });

    it('keeps the key out of the message even when the server quotes it back', async () => {
      server.enqueue({
        kind: 'error',
        status: 400,
        error: { message: 'Bad request from key sk-test, check it', type: 'invalid_request_error', param: null, code: null },
      });
      const error = await expectCategory(server, 'badRequest');
      assert.ok(error.message.includes('Bad request from key [redacted], check it'), error.message);
      assert.ok(!error.message.includes('sk-test'));
    });

    it('reports a rejected key (401) and names the Set API Key command, without echoing the key', async () => {
      server.enqueue(openaiErrors.invalidApiKey('sk-test'));
      const error = await expectCategory(server, 'authFailed');
      assert.match(error.message, /Set API Key/);
      assert.doesNotMatch(error.message, /sk-test/);
    });

    it('reports a forbidden request (403) as a permission problem', async () => {
      server.enqueue(openaiErrors.permissionDenied());
      await expectCategory(server, 'permissionDenied');
    });

    it('reports an unknown model (404 model_not_found) and names inkwell.model', async () => {
      server.enqueue(openaiErrors.modelNotFound('gpt-nope'));
      const error = await expectCategory(server, 'modelNotFound', { model: 'gpt-nope' });
      assert.match(error.message, /inkwell\.model/);
      assert.match(error.message, /gpt-nope/);
    });

    it('spots a base URL without /v1 and suggests the fixed URL', async () => {
      const error = await expectCategory(server, 'badBaseUrl', { baseUrl: server.origin });
      assert.ok(error.message.includes(`${server.origin}/v1`), error.message);
    });

    it('spots a base URL that already ends in /chat/completions', async () => {
      const error = await expectCategory(server, 'badBaseUrl', { baseUrl: `${server.baseUrl}/chat/completions` });
      assert.ok(error.message.includes(`try ${server.baseUrl}.`), error.message);
    });

    it('reports a rate limit (429) with the wait the server asked for once retries are spent', async () => {
      server.enqueue(openaiErrors.rateLimited({ retryAfterSeconds: 7 }));
      const error = await expectCategory(server, 'rateLimited');
      assert.strictEqual(error.details.retryAfterSeconds, 7);
      assert.match(error.message, /wait 7 s/i);
    });

    it('retries a 429 after the Retry-After delay and succeeds before any text streamed', async () => {
      server.enqueue(openaiErrors.rateLimited({ retryAfterSeconds: 1 }), { kind: 'reply', text: 'Second time lucky.' });
      const started = Date.now();
      const { outcome } = await collect(new OpenAIProvider(endpoint(server, { maxRetries: 1 })));
      assert.strictEqual(outcome.text, 'Second time lucky.');
      assert.strictEqual(server.requests.filter((r) => r.chat).length, 2);
      assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    });

    it('does not sleep through a Retry-After longer than a minute but reports the wait at once', async () => {
      server.enqueue(openaiErrors.rateLimited({ retryAfterSeconds: 600 }));
      const started = Date.now();
      const error = await expectCategory(server, 'rateLimited', { maxRetries: 2 });
      assert.strictEqual(error.details.retryAfterSeconds, 600);
      assert.ok(Date.now() - started < 2000, 'reported without waiting');
      assert.strictEqual(server.requests.filter((r) => r.chat).length, 1);
    });

    it('cancels at once while the SDK waits to retry', async () => {
      server.enqueue(openaiErrors.rateLimited({ retryAfterSeconds: 30 }));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const started = Date.now();
      const error = await failure(
        new OpenAIProvider(endpoint(server, { maxRetries: 2, idleTimeoutMs: 60_000 })).generate(
          { ...question, signal: controller.signal },
          () => {},
        ),
      );
      assert.strictEqual(error.category, 'cancelled');
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    });

    it('retries a 500 and then reports a server error that says to try again', async () => {
      server.enqueue(openaiErrors.serverError(), openaiErrors.serverError());
      const error = await expectCategory(server, 'serverError', { maxRetries: 1 });
      assert.match(error.message, /Try again/);
      assert.strictEqual(server.requests.filter((r) => r.chat).length, 2);
    });

    it('tells quota exhaustion (429 insufficient_quota) apart from a rate limit', async () => {
      server.enqueue(openaiErrors.insufficientQuota());
      const error = await expectCategory(server, 'quotaExhausted');
      assert.match(error.message, /credit|billing/);
    });

    it('reports a text too long for the context window (400 context_length_exceeded)', async () => {
      server.enqueue(openaiErrors.contextLengthExceeded());
      const error = await expectCategory(server, 'contextTooLong');
      assert.match(error.message, /Select less text/);
    });

    it('reports an unreachable server as a network problem naming inkwell.baseUrl', async () => {
      const closed = await FakeOpenAIServer.start();
      const url = closed.baseUrl;
      await closed.close();
      const error = await expectCategory(server, 'network', { baseUrl: url });
      assert.match(error.message, /nothing is listening|inkwell\.baseUrl/);
    });

    it('stops a stream that goes silent after the idle timeout and keeps what arrived', async () => {
      server.enqueue({ kind: 'stall', chunks: undefined, text: 'Partial answer', afterChunks: 1 } as never);
      const error = await expectCategory(server, 'idleTimeout', { idleTimeoutMs: 300 });
      assert.ok(error.partialText.length > 0, 'partial text kept');
      assert.match(error.message, /requestTimeoutSeconds/);
      await server.waitForDisconnect(2000);
    });

    it('reports a stream cut off mid-answer without retrying it, keeping the partial text', async () => {
      server.enqueue({ kind: 'disconnect', text: 'one two three four five six', afterChunks: 3 });
      const error = await expectCategory(server, 'network', { maxRetries: 2 });
      assert.ok(error.partialText.startsWith('one'), error.partialText);
      assert.match(error.message, /dropped in the middle of the answer/);
      assert.strictEqual(server.requests.filter((r) => r.chat).length, 1, 'a stream in progress is never retried');
    });

    it('reports a stream that ends without a finish reason as incomplete', async () => {
      server.enqueue({ kind: 'disconnect', text: 'one two three', afterChunks: 2, graceful: true });
      const error = await expectCategory(server, 'network');
      assert.match(error.message, /closed before the answer was finished/);
    });

    it('reports an HTML page served with 200 as the wrong address, not as an answer cut short', async () => {
      server.enqueue({ kind: 'page' });
      const error = await expectCategory(server, 'badResponse');
      assert.strictEqual(error.partialText, '');
      assert.match(error.message, /not with OpenAI-compatible streaming data, so nothing arrived/);
      assert.doesNotMatch(error.message, /kept/);
    });

    it('reports an error event inside the stream as the server giving up, not as a network problem', async () => {
      server.enqueue({ ...openaiErrors.serverError(), afterChunks: 2, text: 'one two three' });
      const error = await expectCategory(server, 'serverError');
      assert.match(error.message, /reported an error in the middle of the answer/);
      assert.doesNotMatch(error.message, /baseUrl|network/);
      assert.ok(error.partialText.startsWith('one'));
    });

    it('says nothing arrived when the connection drops before the first word', async () => {
      server.enqueue({ kind: 'disconnect', afterChunks: 0 });
      const error = await expectCategory(server, 'network');
      assert.doesNotMatch(error.message, /kept|in the middle/);
    });

    it('reports a malformed chunk as a bad response', async () => {
      server.enqueue({ kind: 'malformed', text: 'ok so far', afterChunks: 1 });
      await expectCategory(server, 'badResponse');
    });

    it('reports an empty answer', async () => {
      server.enqueue({ kind: 'empty' });
      await expectCategory(server, 'emptyAnswer');
    });

    it('reports an answer cut off by the token limit and keeps it', async () => {
      server.enqueue({ kind: 'reply', text: 'This answer is cut', finishReason: 'length' });
      const error = await expectCategory(server, 'truncated', {}, { ...question, maxOutputTokens: 5 });
      assert.strictEqual(error.partialText, 'This answer is cut');
      assert.match(error.message, /inkwell\.maxTokens/);
    });

    it('reports a content filter stop', async () => {
      server.enqueue({ kind: 'reply', text: 'Some', finishReason: 'content_filter' });
      await expectCategory(server, 'contentFiltered');
    });
  });

  describe('where the text and the key go', () => {
    let elsewhere: FakeOpenAIServer;
    before(async () => {
      elsewhere = await FakeOpenAIServer.start();
    });
    after(() => elsewhere.close());
    beforeEach(() => elsewhere.reset());

    for (const status of [301, 302, 303, 307, 308]) {
      it(`refuses a ${status} redirect to another origin, names the target and sends nothing there`, async () => {
        const target = `${elsewhere.baseUrl}/chat/completions?from=redirect`;
        server.enqueue({ kind: 'redirect', status, location: target });
        const error = await expectCategory(server, 'redirectRefused', { headers: { 'x-team-token': 'team-secret' } });
        assert.ok(error.message.includes(target), error.message);
        assert.strictEqual(elsewhere.requests.length, 0, 'no header and no text reached the other server');
      });
    }

    it('refuses a cross-origin redirect of an Azure request, whose api-key header would go along', async () => {
      server.enqueue({
        kind: 'redirect',
        status: 307,
        location: `${elsewhere.origin}/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21`,
      });
      const error = await expectCategory(server, 'redirectRefused', { kind: 'azure', baseUrl: server.origin, apiKey: 'azure-secret-key' });
      assert.ok(error.message.includes(elsewhere.origin), error.message);
      assert.strictEqual(elsewhere.requests.length, 0);
      assert.strictEqual(server.requests.at(-1)!.headers['api-key'], 'azure-secret-key', 'the first server did get the request');
    });

    it('follows a redirect within the same origin, sending the text again for a 307', async () => {
      server.enqueue({ kind: 'redirect', status: 307, location: '/v1/chat/completions?moved=1' }, { kind: 'reply', text: 'Followed.' });
      const { outcome } = await collect(new OpenAIProvider(endpoint(server)));
      assert.strictEqual(outcome.text, 'Followed.');
      const [first, second] = server.requests;
      assert.deepStrictEqual(second.query, { moved: '1' });
      assert.strictEqual(second.rawBody, first.rawBody);
      assert.strictEqual(second.headers.authorization, 'Bearer sk-test');
    });

    it('sends no organization or project from the environment to the endpoint', async () => {
      const saved = { org: process.env.OPENAI_ORG_ID, project: process.env.OPENAI_PROJECT_ID };
      process.env.OPENAI_ORG_ID = 'org-from-another-program';
      process.env.OPENAI_PROJECT_ID = 'proj-from-another-program';
      try {
        await collect(new OpenAIProvider(endpoint(server)));
        await collect(new OpenAIProvider(endpoint(server, { kind: 'azure', baseUrl: server.origin })));
      } finally {
        for (const [name, value] of [
          ['OPENAI_ORG_ID', saved.org],
          ['OPENAI_PROJECT_ID', saved.project],
        ] as const) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }
      assert.strictEqual(server.requests.length, 2);
      for (const request of server.requests) {
        assert.strictEqual(request.headers['openai-organization'], undefined, request.path);
        assert.strictEqual(request.headers['openai-project'], undefined, request.path);
      }
    });
  });

  describe('cancellation', () => {
    it('closes the HTTP connection at once when cancelled mid-stream and keeps the partial text', async () => {
      server.enqueue({ kind: 'reply', text: 'word '.repeat(200), tokensPerSecond: 50 });
      const controller = new AbortController();
      const deltas: string[] = [];
      const pending = new OpenAIProvider(endpoint(server)).generate({ ...question, signal: controller.signal }, (text) => {
        deltas.push(text);
        if (deltas.length === 3) controller.abort();
      });
      const error = await failure(pending);
      const abortedAt = Date.now();
      assert.strictEqual(error.category, 'cancelled');
      assert.strictEqual(error.partialText, deltas.join(''));
      const closed = await server.waitForDisconnect(1000);
      assert.ok(closed.clientClosedEarly);
      assert.ok(closed.closedAt! - abortedAt < 200, `server saw the close ${closed.closedAt! - abortedAt} ms after abort`);
    });

    it('reports a cancel before the response arrives as cancelled, not as a network error', async () => {
      server.enqueue({ kind: 'reply', text: 'late', latencyMs: 2000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await failure(new OpenAIProvider(endpoint(server)).generate({ ...question, signal: controller.signal }, () => {}));
      assert.strictEqual(error.category, 'cancelled');
    });
  });
});
