import * as assert from 'node:assert/strict';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  AzureOpenAI,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  OpenAI,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { FakeOpenAIServer } from '../support/openaiServer';
import { countTokens, ErrorScenario, openaiErrors, splitIntoTokens } from '../support/openaiScenarios';

const messages = [{ role: 'user' as const, content: 'Say hello.' }];

/** Reads a raw SSE body into its `data:` payloads, to check the wire format the SDK hides. */
function dataLines(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return chunks;
}

function contentOf(chunks: ChatCompletionChunk[], index = 0): string {
  return chunks.map((c) => c.choices.find((choice) => choice.index === index)?.delta.content ?? '').join('');
}

describe('FakeOpenAIServer', () => {
  let server: FakeOpenAIServer;
  let client: OpenAI;

  before(async () => {
    server = await FakeOpenAIServer.start();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseUrl, maxRetries: 0 });
  });

  afterEach(() => server.reset());

  after(() => server.close());

  describe('streaming', () => {
    it('streams content deltas then a usage chunk with empty choices and [DONE]', async () => {
      server.enqueue({ kind: 'reply', text: 'Hello, world!' });
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages,
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = await collect(stream);

      assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '', refusal: null });
      assert.equal(contentOf(chunks), 'Hello, world!');
      assert.deepEqual(
        chunks.slice(1, -2).map((c) => c.choices[0].delta.content),
        ['Hello', ',', ' world', '!'],
      );
      const finish = chunks[chunks.length - 2];
      assert.deepEqual(finish.choices[0].delta, {});
      assert.equal(finish.choices[0].finish_reason, 'stop');
      const last = chunks[chunks.length - 1];
      assert.deepEqual(last.choices, []);
      assert.equal(last.usage?.completion_tokens, 4);
      assert.equal(last.usage?.total_tokens, (last.usage?.prompt_tokens ?? 0) + 4);
      for (const chunk of chunks) {
        assert.equal(chunk.object, 'chat.completion.chunk');
        assert.equal(chunk.model, 'gpt-4o-mini');
        assert.equal(chunk.id, chunks[0].id);
      }
    });

    it('frames every event as a data line and ends with data: [DONE] on the wire', async () => {
      server.enqueue({ kind: 'reply', chunks: ['a', 'b'] });
      const res = await fetch(`${server.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'test-model', messages, stream: true }),
      });
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.ok(res.headers.get('x-request-id'));
      const body = await res.text();
      assert.ok(body.endsWith('data: [DONE]\n\n'));
      const payloads = dataLines(body);
      assert.equal(payloads.length, 5, 'role, a, b, finish, [DONE]; no usage chunk unless asked');
      const first = JSON.parse(payloads[0]) as Record<string, unknown>;
      assert.equal('usage' in first, false, 'usage: null appears only with include_usage');
    });

    it('streams every choice index when n is greater than 1', async () => {
      server.enqueue({ kind: 'reply', choices: ['First answer.', 'Second one.'] });
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages, n: 2, stream: true });
      const chunks = await collect(stream);

      assert.equal(contentOf(chunks, 0), 'First answer.');
      assert.equal(contentOf(chunks, 1), 'Second one.');
      const finishes = chunks.flatMap((c) => c.choices.filter((choice) => choice.finish_reason).map((choice) => choice.index));
      assert.deepEqual(finishes.sort(), [0, 1]);
      assert.ok(
        chunks.every((c) => c.choices.length === 1),
        'each chunk carries one choice, as OpenAI sends them',
      );
    });

    it('streams DeepSeek-style reasoning_content before the content', async () => {
      server.enqueue({ kind: 'reply', reasoning: 'Think first.', text: 'Answer.' });
      const stream = await client.chat.completions.create({ model: 'deepseek-reasoner', messages, stream: true });
      const deltas = (await collect(stream)).map((c) => c.choices[0]?.delta as { content?: string | null; reasoning_content?: string });

      const reasoning = deltas.map((d) => d.reasoning_content ?? '').join('');
      assert.equal(reasoning, 'Think first.');
      const firstContent = deltas.findIndex((d) => d.content);
      const lastReasoning = deltas.map((d) => Boolean(d.reasoning_content)).lastIndexOf(true);
      assert.ok(lastReasoning < firstContent);
    });

    it('ends with finish_reason length when the request caps max_tokens', async () => {
      server.enqueue({ kind: 'reply', text: 'one two three four five' });
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 2, stream: true });
      const chunks = await collect(stream);
      assert.equal(contentOf(chunks), 'one two');
      assert.equal(chunks[chunks.length - 1].choices[0].finish_reason, 'length');
    });

    it('sends a role chunk and finish_reason stop but no content for an empty reply', async () => {
      server.enqueue({ kind: 'empty' });
      const chunks = await collect(
        await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true } }),
      );
      assert.equal(contentOf(chunks), '');
      assert.equal(chunks[chunks.length - 2].choices[0].finish_reason, 'stop');
      assert.equal(chunks[chunks.length - 1].usage?.completion_tokens, 0);
    });

    it('paces chunks at tokensPerSecond', async () => {
      server.enqueue({ kind: 'reply', chunks: ['a', 'b', 'c', 'd', 'e'], tokensPerSecond: 100 });
      const started = Date.now();
      await collect(await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }));
      assert.ok(Date.now() - started >= 45, `took ${Date.now() - started} ms`);
    });
  });

  describe('whole responses', () => {
    it('returns a full chat.completion object with usage when not streaming', async () => {
      server.enqueue({ kind: 'reply', text: 'Bonjour.' });
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });

      assert.equal(completion.object, 'chat.completion');
      assert.equal(completion.model, 'gpt-4o-mini');
      assert.equal(completion.choices[0].message.role, 'assistant');
      assert.equal(completion.choices[0].message.content, 'Bonjour.');
      assert.equal(completion.choices[0].finish_reason, 'stop');
      assert.equal(completion.usage?.completion_tokens, 2);
      assert.equal(completion.usage?.prompt_tokens, countTokens('Say hello.') + 4 + 3);
      assert.ok(completion._request_id?.startsWith('req_'));
    });

    it('returns n choices and reports the finish reason the scenario asks for', async () => {
      server.enqueue({ kind: 'reply', text: 'Same.', finishReason: 'content_filter' });
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, n: 3 });
      assert.deepEqual(
        completion.choices.map((c) => [c.index, c.message.content, c.finish_reason]),
        [0, 1, 2].map((i) => [i, 'Same.', 'content_filter']),
      );
    });

    it('uses the default reply when nothing is queued and lets a function pick the scenario', async () => {
      const plain = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
      assert.ok(plain.choices[0].message.content);

      server.setDefault((request) => ({ kind: 'reply', text: `echo: ${String(request.chat?.messages[0].content)}` }));
      const echoed = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
      assert.equal(echoed.choices[0].message.content, 'echo: Say hello.');
      assert.equal(server.requests[1].headers['authorization'], 'Bearer sk-test');
    });
  });

  describe('errors', () => {
    const cases: Array<[string, ErrorScenario, new (...args: never[]) => APIError, string | null]> = [
      ['a 401 invalid_api_key as AuthenticationError', openaiErrors.invalidApiKey(), AuthenticationError, 'invalid_api_key'],
      ['a 403 as PermissionDeniedError', openaiErrors.permissionDenied(), PermissionDeniedError, 'unsupported_country_region_territory'],
      ['a 404 model_not_found as NotFoundError', openaiErrors.modelNotFound('gpt-9'), NotFoundError, 'model_not_found'],
      ['a 429 rate_limit_exceeded as RateLimitError', openaiErrors.rateLimited(), RateLimitError, 'rate_limit_exceeded'],
      ['a 429 insufficient_quota as RateLimitError', openaiErrors.insufficientQuota(), RateLimitError, 'insufficient_quota'],
      ['a 500 server_error as InternalServerError', openaiErrors.serverError(), InternalServerError, null],
      ['a 503 as InternalServerError', openaiErrors.overloaded(), InternalServerError, null],
      [
        'a 400 context_length_exceeded as BadRequestError',
        openaiErrors.contextLengthExceeded(),
        BadRequestError,
        'context_length_exceeded',
      ],
    ];
    for (const [name, scenario, errorClass, code] of cases) {
      it(`surfaces ${name} with its code`, async () => {
        server.enqueue(scenario);
        await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }), (error: unknown) => {
          assert.ok(error instanceof errorClass, `got ${String(error)}`);
          assert.equal(error.status, scenario.status);
          assert.equal(error.code, code);
          assert.equal(error.type, scenario.error.type);
          return true;
        });
      });
    }

    it('honours retry-after on a 429 when the SDK retries', async () => {
      const retrying = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseUrl, maxRetries: 1 });
      server.enqueue(openaiErrors.rateLimited({ retryAfterSeconds: 1 }), { kind: 'reply', text: 'After the wait.' });
      const completion = await retrying.chat.completions.create({ model: 'gpt-4o-mini', messages });

      assert.equal(completion.choices[0].message.content, 'After the wait.');
      assert.equal(server.requests.length, 2);
      const [first, second] = server.requests;
      // The SDK's own backoff for a first retry is at most 0.5 s, so a longer gap is the header at work.
      assert.ok(second.receivedAt - first.receivedAt >= 900, `gap ${second.receivedAt - first.receivedAt} ms`);
      assert.equal(first.headers['x-stainless-retry-count'], '0');
      assert.equal(second.headers['x-stainless-retry-count'], '1');
    });

    it('turns a mid-stream error event into an APIError from the iterator', async () => {
      server.enqueue({ ...openaiErrors.serverError(), afterChunks: 2, text: 'Partial answer here' });
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
      const seen: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const chunk of stream) {
            seen.push(chunk.choices[0]?.delta.content ?? '');
          }
        })(),
        (error: unknown) => error instanceof APIError && error.type === 'server_error',
      );
      assert.equal(seen.join(''), 'Partial answer');
    });

    it('rejects a missing or wrong key with 401 invalid_api_key when requireApiKey is set', async () => {
      const locked = await FakeOpenAIServer.start({ requireApiKey: 'sk-right' });
      try {
        const wrong = new OpenAI({ apiKey: 'sk-wrong-key-123', baseURL: locked.baseUrl, maxRetries: 0 });
        await assert.rejects(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages }), (error: unknown) => {
          return error instanceof AuthenticationError && error.code === 'invalid_api_key' && /sk-\**-123/.test(error.message);
        });
        const missing = await fetch(`${locked.baseUrl}/models`);
        assert.equal(missing.status, 401);
        const right = new OpenAI({ apiKey: 'sk-right', baseURL: locked.baseUrl, maxRetries: 0 });
        assert.ok((await right.chat.completions.create({ model: 'gpt-4o-mini', messages })).choices[0].message.content);
      } finally {
        await locked.close();
      }
    });

    it('answers 404 model_not_found for a model outside an explicit knownModels', async () => {
      const strict = await FakeOpenAIServer.start({ knownModels: ['gpt-4o-mini'] });
      try {
        const strictClient = new OpenAI({ apiKey: 'sk-test', baseURL: strict.baseUrl, maxRetries: 0 });
        await assert.rejects(
          strictClient.chat.completions.create({ model: 'gpt-nope', messages }),
          (error: unknown) => error instanceof NotFoundError && error.code === 'model_not_found',
        );
        assert.equal(strict.requests[0].scenario, undefined, 'a rejected request does not consume a scenario');
      } finally {
        await strict.close();
      }
    });

    it('validates the body as OpenAI does: invalid JSON, missing model, missing messages', async () => {
      const post = async (body: string): Promise<{ status: number; error: Record<string, unknown> }> => {
        const res = await fetch(`${server.baseUrl}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return { status: res.status, error: ((await res.json()) as { error: Record<string, unknown> }).error };
      };
      const invalid = await post('{"model": ');
      assert.equal(invalid.status, 400);
      assert.match(String(invalid.error.message), /could not parse the JSON body/);
      const noModel = await post(JSON.stringify({ messages }));
      assert.deepEqual([noModel.status, noModel.error.message], [400, 'you must provide a model parameter']);
      const noMessages = await post(JSON.stringify({ model: 'gpt-4o-mini' }));
      assert.deepEqual([noMessages.status, noMessages.error.param, noMessages.error.code], [400, 'messages', 'missing_required_parameter']);
      assert.equal(noMessages.error.type, 'invalid_request_error');
    });

    it('refuses max_tokens for reasoning models, as OpenAI does', async () => {
      await assert.rejects(
        client.chat.completions.create({ model: 'o3-mini', messages, max_tokens: 10 }),
        (error: unknown) => error instanceof BadRequestError && error.code === 'unsupported_parameter' && error.param === 'max_tokens',
      );
    });

    it('answers unknown paths with an OpenAI-shaped 404', async () => {
      const res = await fetch(`${server.baseUrl}/nowhere`, { method: 'POST' });
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), {
        error: { message: 'Invalid URL (POST /v1/nowhere)', type: 'invalid_request_error', param: null, code: null },
      });
    });
  });

  describe('broken connections', () => {
    it('sees an abort mid-stream as an early client close', async () => {
      server.enqueue({ kind: 'reply', text: 'a b c d e f g h i j k l m n o p', tokensPerSecond: 200 });
      const controller = new AbortController();
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }, { signal: controller.signal });
      let received = 0;
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content && ++received === 2) {
          controller.abort();
        }
      }
      // The SDK ends the loop quietly on abort; only the signal tells it from a finished stream.
      assert.equal(controller.signal.aborted, true);
      const closed = await server.waitForDisconnect();
      assert.equal(closed.clientClosedEarly, true);
      assert.ok(closed.chunksSent < 16, `sent ${closed.chunksSent}`);
      assert.ok((closed.closedAt ?? 0) >= closed.receivedAt);
    });

    it('sees an abort before the headers as an early close, which the SDK throws as APIUserAbortError', async () => {
      server.enqueue({ kind: 'reply', text: 'too late', latencyMs: 500 });
      const controller = new AbortController();
      const pending = client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }, { signal: controller.signal });
      await server.waitForRequests(1);
      controller.abort();
      await assert.rejects(pending, APIUserAbortError);
      const closed = await server.waitForDisconnect();
      assert.equal(closed.status, undefined, 'no headers were sent');
    });

    it('ends the stream without finish_reason when the scenario disconnects', async () => {
      server.enqueue({ kind: 'disconnect', text: 'one two three four', afterChunks: 2 });
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
      const chunks: ChatCompletionChunk[] = [];
      const failure = await collectInto(stream, chunks);

      assert.equal(contentOf(chunks), 'one two');
      assert.ok(chunks.every((c) => c.choices[0].finish_reason === null));
      // A dropped socket escapes the SDK unwrapped: undici's TypeError('terminated'), not an APIConnectionError.
      assert.ok(failure instanceof TypeError && !(failure instanceof APIError), `got ${String(failure)}`);
      assert.equal(failure.message, 'terminated');
      assert.equal(server.requests[0].clientClosedEarly, false, 'the server, not the client, cut it');
    });

    it('ends the loop quietly when a graceful disconnect closes the body without [DONE]', async () => {
      server.enqueue({ kind: 'disconnect', text: 'one two three', afterChunks: 1, graceful: true });
      const chunks = await collect(await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }));
      assert.equal(contentOf(chunks), 'one');
      assert.ok(chunks.every((c) => c.choices[0].finish_reason === null));
    });

    it('makes the SDK throw on a malformed chunk', async () => {
      const quiet = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseUrl, maxRetries: 0, logLevel: 'off' });
      server.enqueue({ kind: 'malformed', text: 'fine so far', afterChunks: 1 });
      const chunks: ChatCompletionChunk[] = [];
      const failure = await collectInto(await quiet.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }), chunks);
      assert.ok(failure instanceof SyntaxError, `got ${String(failure)}`);
      assert.equal(contentOf(chunks), 'fine');
    });

    it('keeps a stalled stream open until the client gives up', async () => {
      server.enqueue({ kind: 'stall', text: 'first then silence', afterChunks: 1 });
      const controller = new AbortController();
      const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true }, { signal: controller.signal });
      const watchdog = setTimeout(() => controller.abort(), 150);
      const chunks = await collect(stream);
      clearTimeout(watchdog);
      assert.equal(contentOf(chunks), 'first');
      const closed = await server.waitForDisconnect();
      assert.equal(closed.chunksSent, 1);
      assert.equal(server.inFlight, 0);
    });

    it('drops the connection of a non-streaming disconnect as a connection error', async () => {
      server.enqueue({ kind: 'disconnect' });
      await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages }), APIConnectionError);
    });
  });

  describe('timing and concurrency', () => {
    it('waits latencyMs before the headers and counts requests in flight', async () => {
      server.enqueue({ kind: 'reply', text: 'one', latencyMs: 80 }, { kind: 'reply', text: 'two', latencyMs: 80 });
      const started = Date.now();
      const both = Promise.all([
        client.chat.completions.create({ model: 'gpt-4o-mini', messages }),
        client.chat.completions.create({ model: 'gpt-4o-mini', messages }),
      ]);
      await server.waitForRequests(2);
      assert.equal(server.inFlight, 2);
      await both;
      assert.ok(Date.now() - started >= 75);
      assert.equal(server.maxConcurrent, 2);
      assert.equal(server.inFlight, 0);
    });
  });

  describe('models and Azure', () => {
    it('lists the known models in OpenAI list shape', async () => {
      const ids: string[] = [];
      for await (const model of client.models.list()) {
        assert.equal(model.object, 'model');
        ids.push(model.id);
      }
      assert.ok(ids.includes('gpt-4o-mini') && ids.includes('deepseek-chat'));
    });

    it('serves Azure deployment paths to the AzureOpenAI client with the api-key header', async () => {
      const azure = new AzureOpenAI({
        apiKey: 'azure-key',
        endpoint: server.origin,
        apiVersion: '2024-10-21',
        deployment: 'writer-4o',
        maxRetries: 0,
      });
      server.enqueue({ kind: 'reply', text: 'From Azure.' });
      const stream = await azure.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
      const chunks = await collect(stream);

      // Azure opens with a choice-less prompt filter chunk: clients must guard choices[0].
      assert.deepEqual(chunks[0].choices, []);
      assert.equal(contentOf(chunks), 'From Azure.');
      const [request] = server.requests;
      assert.equal(request.path, '/openai/deployments/writer-4o/chat/completions');
      assert.equal(request.deployment, 'writer-4o');
      assert.equal(request.apiVersion, '2024-10-21');
      assert.equal(request.headers['api-key'], 'azure-key');
      assert.equal(request.headers['authorization'], undefined);
    });
  });

  describe('token splitting', () => {
    it('splits Latin text into words with their leading space and single punctuation marks', () => {
      assert.deepEqual(splitIntoTokens('Hi there, you.\n\nNext'), ['Hi', ' there', ',', ' you', '.', '\n\n', 'Next']);
    });

    it('splits CJK text into one- or two-character pieces that join back to the text', () => {
      const text = '你好，世界。今天天气很好！';
      const pieces = splitIntoTokens(text);
      assert.equal(pieces.join(''), text);
      assert.ok(
        pieces.every((p) => [...p].length >= 1 && [...p].length <= 2),
        JSON.stringify(pieces),
      );
      assert.equal(countTokens('你好'), 2);
    });
  });
});

/** Drains a stream into `chunks` and returns what it threw, if anything. */
async function collectInto(stream: AsyncIterable<ChatCompletionChunk>, chunks: ChatCompletionChunk[]): Promise<unknown> {
  try {
    for await (const chunk of stream) {
      chunks.push(chunk);
    }
    return undefined;
  } catch (error) {
    return error;
  }
}
