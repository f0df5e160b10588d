/**
 * A local OpenAI-compatible server for tests, benchmarks and manual runs.
 *
 * It is a protocol peer rather than a stub: it validates requests, answers
 * errors and streams Server-Sent Events the way api.openai.com (and Azure
 * OpenAI) do, so the real `openai` SDK can talk to it unchanged. What it says
 * is scripted per request with {@link Scenario}s.
 */
import * as http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import {
  computeUsage,
  DEFAULT_MALFORMED_DATA,
  DEFAULT_PAGE_HTML,
  DEFAULT_REPLY_TEXT,
  OpenAIErrorBody,
  planReply,
  PageScenario,
  RedirectScenario,
  Scenario,
  streamEvents,
} from './openaiScenarios';

/** The validated parts of a chat-completion request body that tests usually look at. */
export interface ChatRequestView {
  /** The requested model, or the Azure deployment when the body names none. */
  model: string;
  messages: Array<{ role: string; content?: unknown }>;
  stream: boolean;
  n: number;
  includeUsage: boolean;
  /** `max_completion_tokens`, else `max_tokens`. */
  maxTokens?: number;
}

/** One HTTP request as the server received it, and what became of it. */
export interface RecordedRequest {
  /** Position in arrival order, from 0; survives `reset()` so ids never repeat. */
  id: number;
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names lowercased; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when empty or not JSON. */
  body: unknown;
  rawBody: string;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
  /** Set for chat-completion requests that passed validation. */
  chat?: ChatRequestView;
  /** Azure-style requests: the deployment from the path. */
  deployment?: string;
  /** Azure-style requests: the `api-version` query parameter. */
  apiVersion?: string;
  /** The scenario the request consumed, for chat completions that passed validation. */
  scenario?: Scenario;
  /** HTTP status sent, once the headers are out. */
  status?: number;
  /** Content and reasoning chunks written so far (or that a whole response stood for). */
  chunksSent: number;
  /** Chat completions: the client went away before the response ended. */
  clientClosedEarly?: boolean;
  /** `Date.now()` when the connection closed (early or not), for chat completions. */
  closedAt?: number;
  /**
   * With the server option `recordChunkTimes`: each content chunk of choice 0,
   * when it was handed to the socket (epoch ms with sub-ms precision) and its
   * length, so a benchmark can time chunks into the editor.
   */
  chunkTimes?: Array<{ at: number; chars: number }>;
}

/** A scenario, or a function choosing one from the request (e.g. to echo its prompt). */
export type ScenarioSource = Scenario | ((request: RecordedRequest) => Scenario);

/** How to start a {@link FakeOpenAIServer}. */
export interface FakeOpenAIServerOptions {
  /** Defaults to 0: a free port chosen by the OS. */
  port?: number;
  /**
   * Served by `GET /v1/models`. When given, chat requests for any other model
   * get OpenAI's 404 `model_not_found`; when omitted every model is accepted.
   */
  knownModels?: string[];
  /** When set, requests must carry it as `Authorization: Bearer` (or Azure's `api-key`). */
  requireApiKey?: string;
  /** Added before the headers of every chat completion, as network plus queueing time. */
  latencyMs?: number;
  /** Keep the write time of every content chunk in `RecordedRequest.chunkTimes` (benchmarks). */
  recordChunkTimes?: boolean;
  /**
   * Also answer like Ollama's own API: `GET /api/tags` lists the models as
   * Ollama does. With `'only'`, `/v1/models` is missing, as on Ollama
   * versions before its OpenAI-compatible model list.
   */
  ollamaTags?: boolean | 'only';
  /**
   * Answer as Ollama does where it differs from OpenAI: `GET /api/tags`, a
   * plain-text `404 page not found` for a path it does not serve (its HTTP
   * router's), and, for a model not in `knownModels`, its 404 "model "x" not
   * found, try pulling it first" in the OpenAI error shape its /v1 routes use.
   */
  ollama?: boolean;
}

/** Listed by `GET /v1/models` when `knownModels` is not given. */
export const DEFAULT_MODELS: readonly string[] = ['gpt-4o-mini', 'gpt-4o', 'o3-mini', 'deepseek-chat', 'test-model'];

const MESSAGE_ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];
const AZURE_CHAT_PATH = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
// Models that refuse `max_tokens` and a non-default temperature.
const REASONING_MODEL = /^(o\d|gpt-5)/;
const SYSTEM_FINGERPRINT = 'fp_inkwell0001';

/** Thrown inside request handling to answer with an OpenAI-shaped error. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

function invalidRequest(status: number, message: string, param: string | null = null, code: string | null = null): HttpError {
  const error: OpenAIErrorBody = { message, type: 'invalid_request_error', param, code };
  return new HttpError(status, { error });
}

function randomId(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) {
    id += alphabet[byte % alphabet.length];
  }
  return id;
}

function jsonTypeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Resolves after `ms`, or early (without rejecting) when the request goes away. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** State of one chat-completion exchange while the server answers it. */
class Exchange {
  readonly abort = new AbortController();
  readonly id = randomId('chatcmpl-', 29);
  readonly created = Math.floor(Date.now() / 1000);
  readonly startedAt = Date.now();
  /** Set before the server itself ends the connection, so that is not taken for a client leaving. */
  serverClosed = false;

  constructor(
    readonly record: RecordedRequest,
    readonly res: http.ServerResponse,
    readonly chat: ChatRequestView,
    readonly azure: boolean,
  ) {}

  get closed(): boolean {
    return this.abort.signal.aborted || this.res.destroyed;
  }

  headers(extra: Record<string, string> | undefined, contentType: string): Record<string, string> {
    return {
      'content-type': contentType,
      'x-request-id': randomId('req_', 32),
      'openai-version': '2020-10-01',
      'openai-processing-ms': String(Date.now() - this.startedAt),
      ...extra,
    };
  }

  sendJson(status: number, body: unknown, extraHeaders?: Record<string, string>): void {
    if (this.closed) {
      return;
    }
    this.record.status = status;
    this.res.writeHead(status, this.headers(extraHeaders, 'application/json'));
    this.res.end(JSON.stringify(body));
  }

  startStream(extraHeaders?: Record<string, string>): void {
    this.record.status = 200;
    this.res.writeHead(200, {
      ...this.headers(extraHeaders, 'text/event-stream; charset=utf-8'),
      'cache-control': 'no-cache',
    });
  }

  /**
   * Writes one SSE event and waits until the socket has taken it, so pacing is
   * real and a destroy right after cannot swallow the last chunk; false once
   * the client is gone.
   */
  async writeData(data: string): Promise<boolean> {
    if (this.closed) {
      return false;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('close', done);
        resolve();
      };
      this.res.on('close', done);
      this.res.write(`data: ${data}\n\n`, () => done());
    });
    return !this.closed;
  }

  chunk(choices: unknown[], extra?: Record<string, unknown>): Record<string, unknown> {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.chat.model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
      // OpenAI adds `usage: null` to every chunk only when usage was asked for.
      ...(this.chat.includeUsage ? { usage: null } : {}),
      ...extra,
    };
  }

  /** Ends the connection from the server side without a proper HTTP ending. */
  destroy(): void {
    this.serverClosed = true;
    this.res.destroy();
  }

  end(): void {
    if (!this.closed) {
      this.res.end();
    }
  }
}

/**
 * A real HTTP server speaking OpenAI's Chat Completions protocol on 127.0.0.1.
 * Queue scenarios with {@link enqueue}; inspect what clients sent in
 * {@link requests}.
 */
export class FakeOpenAIServer {
  /** Every request received since start or the last `reset()`, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Highest number of chat completions answered at once since start or `reset()`. */
  maxConcurrent = 0;
  /** Chat completions currently being answered. */
  inFlight = 0;
  readonly origin: string;
  /** The `baseURL` to give the SDK, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;

  private queue: ScenarioSource[] = [];
  private defaultScenario: ScenarioSource = { kind: 'reply', text: DEFAULT_REPLY_TEXT };
  private nextId = 0;
  private readonly sockets = new Set<Socket>();
  private readonly exchanges = new Set<Exchange>();
  private requestWaiters: Array<() => void> = [];
  private earlyCloses: RecordedRequest[] = [];
  private earlyClosesDelivered = 0;
  private disconnectWaiters: Array<() => void> = [];
  private closing = false;

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
    private readonly options: FakeOpenAIServerOptions,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    this.baseUrl = `${this.origin}/v1`;
  }

  /** Starts listening on 127.0.0.1 (a free port unless one is given). */
  static async start(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
    // Small SSE writes must leave at once, as they do from OpenAI, not wait for Nagle.
    const server = http.createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const fake = new FakeOpenAIServer(server, (server.address() as AddressInfo).port, options);
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        // A bug here must not hang the client: answer as OpenAI would and keep serving.
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: String(error), type: 'server_error', param: null, code: null } }));
        } else {
          res.destroy();
        }
      });
    });
    return fake;
  }

  /** Queues scenarios; each chat completion that passes validation takes the next one. */
  enqueue(...scenarios: ScenarioSource[]): void {
    this.queue.push(...scenarios);
  }

  /** Used once the queue is empty. */
  setDefault(scenario: ScenarioSource): void {
    this.defaultScenario = scenario;
  }

  /** Clears the queue, the recorded requests, the concurrency peak and the default scenario. */
  reset(): void {
    this.queue = [];
    this.requests.length = 0;
    this.earlyCloses = [];
    this.earlyClosesDelivered = 0;
    this.maxConcurrent = this.inFlight;
    this.defaultScenario = { kind: 'reply', text: DEFAULT_REPLY_TEXT };
  }

  /** Resolves once at least `count` requests have been recorded. */
  waitForRequests(count: number, timeoutMs = 2000): Promise<void> {
    return this.waitUntil(
      () => this.requests.length >= count,
      timeoutMs,
      () => `expected ${count} requests, got ${this.requests.length}`,
    );
  }

  /**
   * Resolves with the next chat completion whose client left before the
   * response ended. Each early close is delivered once, in order, including
   * ones that happened before the call.
   */
  waitForDisconnect(timeoutMs = 2000): Promise<RecordedRequest> {
    const take = (): RecordedRequest | undefined =>
      this.earlyClosesDelivered < this.earlyCloses.length ? this.earlyCloses[this.earlyClosesDelivered++] : undefined;
    const ready = take();
    if (ready) {
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        const next = take();
        if (next) {
          clearTimeout(timer);
          this.disconnectWaiters = this.disconnectWaiters.filter((w) => w !== waiter);
          resolve(next);
        }
      };
      const timer = setTimeout(() => {
        this.disconnectWaiters = this.disconnectWaiters.filter((w) => w !== waiter);
        reject(new Error(`no client disconnected within ${timeoutMs} ms`));
      }, timeoutMs);
      this.disconnectWaiters.push(waiter);
    });
  }

  /** Stops listening and destroys open sockets, which also ends stalled streams. */
  async close(): Promise<void> {
    this.closing = true;
    for (const exchange of this.exchanges) {
      exchange.serverClosed = true;
    }
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await closed;
  }

  private waitUntil(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    if (done()) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        if (done()) {
          clearTimeout(timer);
          this.requestWaiters = this.requestWaiters.filter((w) => w !== waiter);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.requestWaiters = this.requestWaiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
      this.requestWaiters.push(waiter);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? '/', this.origin);
    const rawBody = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const record: RecordedRequest = {
      id: this.nextId++,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      rawBody,
      receivedAt,
      chunksSent: 0,
    };
    this.requests.push(record);
    for (const waiter of [...this.requestWaiters]) {
      waiter();
    }

    const azureMatch = AZURE_CHAT_PATH.exec(url.pathname);
    try {
      if (record.method === 'POST' && url.pathname === '/v1/chat/completions') {
        await this.chatCompletion(record, res, false);
      } else if (record.method === 'POST' && azureMatch) {
        record.deployment = decodeURIComponent(azureMatch[1]);
        record.apiVersion = url.searchParams.get('api-version') ?? undefined;
        await this.chatCompletion(record, res, true);
      } else if (record.method === 'GET' && url.pathname === '/api/tags' && (this.options.ollamaTags || this.options.ollama)) {
        this.sendPlain(res, 200, {
          models: this.models().map((name) => ({
            name,
            model: name,
            modified_at: '2026-01-01T00:00:00Z',
            size: 1,
            digest: 'sha256:0',
            details: { format: 'gguf' },
          })),
        });
      } else if (
        record.method === 'GET' &&
        (url.pathname === '/v1/models' || url.pathname === '/openai/models') &&
        this.options.ollamaTags !== 'only'
      ) {
        this.checkApiKey(record, url.pathname.startsWith('/openai/'));
        this.sendPlain(res, 200, { object: 'list', data: this.models().map((id) => this.modelObject(id)) });
      } else if (record.method === 'GET' && url.pathname.startsWith('/v1/models/')) {
        this.checkApiKey(record, false);
        const id = decodeURIComponent(url.pathname.slice('/v1/models/'.length));
        if (!this.models().includes(id)) {
          throw invalidRequest(404, `The model '${id}' does not exist`, 'model', 'model_not_found');
        }
        this.sendPlain(res, 200, this.modelObject(id));
      } else if (this.options.ollama) {
        record.status = 404;
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('404 page not found');
      } else {
        throw invalidRequest(404, `Invalid URL (${record.method} ${url.pathname})`);
      }
    } catch (error) {
      if (!(error instanceof HttpError)) {
        throw error;
      }
      record.status = error.status;
      this.sendPlain(res, error.status, error.body);
    }
  }

  private sendPlain(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) {
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': randomId('req_', 32) });
    res.end(JSON.stringify(body));
  }

  private models(): readonly string[] {
    return this.options.knownModels ?? DEFAULT_MODELS;
  }

  private modelObject(id: string): Record<string, unknown> {
    return { id, object: 'model', created: 1700000000, owned_by: 'system' };
  }

  private checkApiKey(record: RecordedRequest, azure: boolean): void {
    const expected = this.options.requireApiKey;
    if (expected === undefined) {
      return;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(record.headers['authorization'] ?? '')?.[1];
    const given = azure ? (record.headers['api-key'] ?? bearer) : bearer;
    if (given === expected) {
      return;
    }
    if (azure) {
      throw new HttpError(401, {
        error: {
          code: '401',
          message:
            'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        },
      });
    }
    if (given === undefined) {
      throw invalidRequest(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        null,
        'invalid_api_key',
      );
    }
    const shown = given.length > 8 ? `${given.slice(0, 3)}${'*'.repeat(given.length - 7)}${given.slice(-4)}` : given;
    throw invalidRequest(
      401,
      `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      null,
      'invalid_api_key',
    );
  }

  /** Checks the request in the order OpenAI does: auth, JSON, parameters, model. */
  private validateChat(record: RecordedRequest, azure: boolean): ChatRequestView {
    if (azure && !record.apiVersion) {
      throw new HttpError(404, { error: { code: '404', message: 'Resource not found' } });
    }
    this.checkApiKey(record, azure);
    if (record.body === undefined || typeof record.body !== 'object' || record.body === null || Array.isArray(record.body)) {
      if (record.rawBody.trim() !== '' && record.body === undefined) {
        throw invalidRequest(
          400,
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
        );
      }
      throw invalidRequest(400, 'you must provide a model parameter');
    }
    const body = record.body as Record<string, unknown>;
    if (!azure && (typeof body.model !== 'string' || body.model === '')) {
      throw invalidRequest(400, 'you must provide a model parameter');
    }
    const model = typeof body.model === 'string' && body.model !== '' ? body.model : (record.deployment ?? '');
    const messages = body.messages;
    if (messages === undefined) {
      throw invalidRequest(400, "Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
    }
    if (!Array.isArray(messages)) {
      throw invalidRequest(
        400,
        `Invalid type for 'messages': expected an array of objects, but got ${jsonTypeName(messages)} instead.`,
        'messages',
        'invalid_type',
      );
    }
    if (messages.length === 0) {
      throw invalidRequest(
        400,
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        'messages',
        'empty_array',
      );
    }
    messages.forEach((message: unknown, index) => {
      const role = message && typeof message === 'object' ? (message as { role?: unknown }).role : undefined;
      if (role === undefined) {
        throw invalidRequest(
          400,
          `Missing required parameter: 'messages[${index}].role'.`,
          `messages[${index}].role`,
          'missing_required_parameter',
        );
      }
      if (typeof role !== 'string' || !MESSAGE_ROLES.includes(role)) {
        throw invalidRequest(
          400,
          `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
          `messages[${index}].role`,
          'invalid_value',
        );
      }
    });
    const n = body.n ?? 1;
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw invalidRequest(400, `Invalid type for 'n': expected an integer, but got ${jsonTypeName(n)} instead.`, 'n', 'invalid_type');
    }
    if (n < 1 || n > 128) {
      const [bound, word] = n < 1 ? [1, 'below minimum'] : [128, 'above maximum'];
      throw invalidRequest(
        400,
        `Invalid 'n': integer ${word} value. Expected a value ${n < 1 ? '>=' : '<='} ${bound}, but got ${n} instead.`,
        'n',
        n < 1 ? 'integer_below_min_value' : 'integer_above_max_value',
      );
    }
    const stream = body.stream === true;
    const streamOptions = body.stream_options as { include_usage?: unknown } | null | undefined;
    if (streamOptions != null && !stream) {
      throw invalidRequest(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options');
    }
    if (this.options.knownModels && !this.options.knownModels.includes(model)) {
      if (azure) {
        throw new HttpError(404, {
          error: {
            code: 'DeploymentNotFound',
            message:
              'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
          },
        });
      }
      if (this.options.ollama) {
        throw new HttpError(404, {
          error: {
            message: `model ${JSON.stringify(model)} not found, try pulling it first`,
            type: 'not_found_error',
            param: null,
            code: null,
          },
        });
      }
      throw invalidRequest(404, `The model \`${model}\` does not exist or you do not have access to it.`, null, 'model_not_found');
    }
    if (REASONING_MODEL.test(model)) {
      if (body.max_tokens != null) {
        throw invalidRequest(
          400,
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          'max_tokens',
          'unsupported_parameter',
        );
      }
      if (body.temperature != null && body.temperature !== 1) {
        throw invalidRequest(
          400,
          `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
          'temperature',
          'unsupported_value',
        );
      }
    }
    const limit = body.max_completion_tokens ?? body.max_tokens;
    return {
      model,
      messages: messages as ChatRequestView['messages'],
      stream,
      n,
      includeUsage: stream && streamOptions?.include_usage === true,
      maxTokens: typeof limit === 'number' ? limit : undefined,
    };
  }

  private async chatCompletion(record: RecordedRequest, res: http.ServerResponse, azure: boolean): Promise<void> {
    const chat = this.validateChat(record, azure);
    record.chat = chat;
    const exchange = new Exchange(record, res, chat, azure);
    this.exchanges.add(exchange);
    this.inFlight++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight);
    res.on('close', () => {
      this.inFlight--;
      this.exchanges.delete(exchange);
      record.closedAt = Date.now();
      // 'close' also follows a normal end; only an unfinished response means the client left.
      record.clientClosedEarly = !res.writableFinished && !exchange.serverClosed && !this.closing;
      exchange.abort.abort();
      if (record.clientClosedEarly) {
        this.earlyCloses.push(record);
        for (const waiter of [...this.disconnectWaiters]) {
          waiter();
        }
      }
    });

    const source = this.queue.length > 0 ? this.queue.shift()! : this.defaultScenario;
    const scenario = typeof source === 'function' ? source(record) : source;
    record.scenario = scenario;
    const latency = (this.options.latencyMs ?? 0) + (scenario.latencyMs ?? 0);
    if (latency > 0) {
      await sleep(latency, exchange.abort.signal);
    }
    if (exchange.closed) {
      return;
    }
    if (scenario.kind === 'page') {
      exchange.record.status = 200;
      exchange.res.writeHead(200, exchange.headers(scenario.headers, 'text/html; charset=utf-8'));
      exchange.res.end(scenario.html ?? DEFAULT_PAGE_HTML);
      return;
    }
    if (scenario.kind === 'redirect') {
      exchange.record.status = scenario.status;
      exchange.res.writeHead(scenario.status, { ...scenario.headers, location: scenario.location, 'content-length': '0' });
      exchange.res.end();
      return;
    }
    if (chat.stream) {
      await this.stream(exchange, scenario);
    } else {
      await this.respondWhole(exchange, scenario);
    }
  }

  private async respondWhole(exchange: Exchange, scenario: Exclude<Scenario, PageScenario | RedirectScenario>): Promise<void> {
    switch (scenario.kind) {
      case 'error':
        exchange.sendJson(scenario.status, { error: scenario.error }, scenario.headers);
        return;
      case 'disconnect':
        // Without a stream there is nothing to send first: the connection just drops.
        exchange.destroy();
        return;
      case 'stall':
        await sleep(2 ** 31 - 1, exchange.abort.signal);
        return;
      case 'malformed':
        exchange.record.status = 200;
        exchange.res.writeHead(200, exchange.headers(scenario.headers, 'application/json'));
        exchange.res.end(scenario.data ?? DEFAULT_MALFORMED_DATA);
        return;
    }
    const plan = planReply(scenario, exchange.chat);
    const reply = scenario.kind === 'reply' ? scenario : undefined;
    const usage = computeUsage(exchange.chat.messages, plan, reply?.usage);
    exchange.record.chunksSent = usage.completion_tokens;
    exchange.sendJson(
      200,
      {
        id: exchange.id,
        object: 'chat.completion',
        created: exchange.created,
        model: exchange.chat.model,
        choices: plan.contents.map((contents, index) => ({
          index,
          message: {
            role: 'assistant',
            content: contents.join(''),
            ...(plan.reasonings[index].length > 0 ? { reasoning_content: plan.reasonings[index].join('') } : {}),
            refusal: null,
            annotations: [],
          },
          logprobs: null,
          finish_reason: plan.finishReasons[index],
        })),
        usage,
        service_tier: 'default',
        system_fingerprint: SYSTEM_FINGERPRINT,
      },
      scenario.headers,
    );
  }

  private async stream(exchange: Exchange, scenario: Exclude<Scenario, PageScenario | RedirectScenario>): Promise<void> {
    if (scenario.kind === 'error' && scenario.afterChunks === undefined) {
      exchange.sendJson(scenario.status, { error: scenario.error }, scenario.headers);
      return;
    }
    exchange.startStream(scenario.headers);
    if (exchange.azure) {
      // Azure opens every stream with a choice-less chunk of prompt filter results.
      const safe = { filtered: false, severity: 'safe' };
      const filters = { hate: safe, self_harm: safe, sexual: safe, violence: safe };
      const opening = {
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: filters }],
      };
      if (!(await exchange.writeData(JSON.stringify(opening)))) {
        return;
      }
    }
    const plan = planReply(scenario, exchange.chat);
    const complete = scenario.kind === 'reply' || scenario.kind === 'empty';
    const stopAfter = complete ? Infinity : (scenario.afterChunks ?? (scenario.kind === 'disconnect' ? 2 : 1));
    const tokensPerSecond = 'tokensPerSecond' in scenario ? scenario.tokensPerSecond : undefined;
    const interval = tokensPerSecond ? 1000 / tokensPerSecond : 0;

    for (const event of streamEvents(plan, complete)) {
      if (event.paced) {
        if (exchange.record.chunksSent >= stopAfter) {
          break;
        }
        if (interval > 0) {
          await sleep(interval, exchange.abort.signal);
        } else {
          await nextTick();
        }
      }
      const choice = { index: event.choice, delta: event.delta, logprobs: null, finish_reason: event.finishReason };
      const data = JSON.stringify(exchange.chunk([choice]));
      if (this.options.recordChunkTimes && event.choice === 0 && typeof event.delta.content === 'string' && event.delta.content) {
        (exchange.record.chunkTimes ??= []).push({ at: performance.timeOrigin + performance.now(), chars: event.delta.content.length });
      }
      if (!(await exchange.writeData(data))) {
        return;
      }
      if (event.paced) {
        exchange.record.chunksSent++;
      }
    }

    switch (scenario.kind) {
      case 'reply':
      case 'empty': {
        if (exchange.chat.includeUsage) {
          const usage = computeUsage(exchange.chat.messages, plan, scenario.kind === 'reply' ? scenario.usage : undefined);
          if (!(await exchange.writeData(JSON.stringify(exchange.chunk([], { usage }))))) {
            return;
          }
        }
        await exchange.writeData('[DONE]');
        exchange.end();
        return;
      }
      case 'error':
        await exchange.writeData(JSON.stringify({ error: scenario.error }));
        exchange.end();
        return;
      case 'malformed':
        await exchange.writeData(scenario.data ?? DEFAULT_MALFORMED_DATA);
        exchange.end();
        return;
      case 'disconnect':
        if (scenario.graceful) {
          exchange.serverClosed = true;
          exchange.end();
        } else {
          exchange.destroy();
        }
        return;
      case 'stall':
        // Keep the socket open until the client or `close()` ends it.
        await sleep(2 ** 31 - 1, exchange.abort.signal);
        return;
    }
  }
}

function parseCliArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (match) {
      args[match[1]] = match[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    }
  }
  return args;
}

/** `node out/test/support/openaiServer.js --port 8787 [--tps 30] [--latency 300] [--api-key KEY] [--models a,b] [--echo]` */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  const server = await FakeOpenAIServer.start({
    port: args.port ? Number(args.port) : 8787,
    latencyMs: args.latency ? Number(args.latency) : undefined,
    requireApiKey: args['api-key'],
    knownModels: args.models ? args.models.split(',') : undefined,
  });
  // A human watching the editor needs a visible pace, not an instant answer.
  const tokensPerSecond = args.tps ? Number(args.tps) : 30;
  server.setDefault((request) => {
    const last = request.chat?.messages.filter((m) => m.role === 'user').pop();
    const text =
      args.echo && typeof last?.content === 'string'
        ? last.content
        : `${DEFAULT_REPLY_TEXT} It streams this answer at ${tokensPerSecond} tokens per second, so you can watch the text arrive, cancel it half way, and check what the editor keeps.`;
    return { kind: 'reply', text, tokensPerSecond };
  });
  console.log(
    `OpenAI-compatible server listening: baseURL ${server.baseUrl} (any API key${args['api-key'] ? ' must be ' + args['api-key'] : ''})`,
  );
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
