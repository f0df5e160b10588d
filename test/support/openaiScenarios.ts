/**
 * What the local OpenAI-compatible server should do with one chat-completion
 * request, plus the token arithmetic it uses to stay close to what OpenAI sends.
 *
 * Kept free of any HTTP code so tests and benchmarks can build scenarios and
 * reason about chunk counts without starting a server.
 */

/** Fields every scenario may carry. */
interface ScenarioBase {
  /** Extra wait before the response headers, added to the server-wide latency. */
  latencyMs?: number;
  /** Extra response headers, written after (and so overriding) the server's own. */
  headers?: Record<string, string>;
}

/** Token accounting in the shape OpenAI returns it. */
export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details?: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** Why a choice stopped, as OpenAI reports it. */
export type FinishReason = 'stop' | 'length' | 'content_filter';

/** A normal answer, streamed or returned whole depending on the request. */
export interface ReplyScenario extends ScenarioBase {
  kind: 'reply';
  /** Split into token-sized chunks by {@link splitIntoTokens}; defaults to {@link DEFAULT_REPLY_TEXT}. Ignored when `chunks` is given. */
  text?: string;
  /** The exact content deltas to send, for tests that care about chunk boundaries. */
  chunks?: string[];
  /** Pace of content (and reasoning) chunks; omitted means as fast as the socket allows. */
  tokensPerSecond?: number;
  /** Defaults to 'stop'; a request's `max_tokens` can still force 'length'. */
  finishReason?: FinishReason;
  /** Streamed before the content as DeepSeek-style `delta.reasoning_content`. */
  reasoning?: string;
  /** Merged over the computed usage. */
  usage?: Partial<CompletionUsage>;
  /** One text per choice for `n > 1`; reused cyclically when `n` exceeds its length. */
  choices?: string[];
  /** Answer with one choice whatever `n` asks, as many compatible servers (e.g. Ollama) do. */
  ignoreN?: boolean;
}

/** The `error` object inside every OpenAI error body. */
export interface OpenAIErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** An HTTP error with an OpenAI-shaped body, or an error event in the middle of a stream. */
export interface ErrorScenario extends ScenarioBase {
  kind: 'error';
  status: number;
  error: OpenAIErrorBody;
  /**
   * When set and the request streams, send this many content chunks with a
   * 200 first and then a `data: {"error": ...}` event, which OpenAI does
   * when a generation fails after it started.
   */
  afterChunks?: number;
  /** Content for the chunks before a mid-stream error. */
  text?: string;
}

/** The connection dies mid-answer: no finish_reason, no [DONE]. */
export interface DisconnectScenario extends ScenarioBase {
  kind: 'disconnect';
  text?: string;
  /** Content chunks sent before the cut (the role chunk does not count). Defaults to 2. */
  afterChunks?: number;
  tokensPerSecond?: number;
  /**
   * End the HTTP response cleanly instead of destroying the socket, as a
   * proxy that gives up on an idle upstream does. The client then sees a
   * stream that simply ends rather than a network error.
   */
  graceful?: boolean;
}

/** The server goes quiet but keeps the connection open, to exercise idle watchdogs. */
export interface StallScenario extends ScenarioBase {
  kind: 'stall';
  text?: string;
  /** Content chunks sent before going silent. Defaults to 1. */
  afterChunks?: number;
  tokensPerSecond?: number;
}

/** A data line that is not JSON, as a broken proxy might produce. */
export interface MalformedScenario extends ScenarioBase {
  kind: 'malformed';
  text?: string;
  /** Valid content chunks before the broken one. Defaults to 1. */
  afterChunks?: number;
  /** The broken payload after `data: `; defaults to a truncated chunk. */
  data?: string;
}

/** A well-formed answer with no content at all. */
export interface EmptyScenario extends ScenarioBase {
  kind: 'empty';
}

/**
 * A 200 that is not the API at all: a web page, a captive portal or a
 * proxy's login form, as a wrong base URL or network gets in reply.
 */
export interface PageScenario extends ScenarioBase {
  kind: 'page';
  /** Defaults to a small HTML page. */
  html?: string;
}

/** An HTTP redirect instead of an answer, as a moved API or a hostile server sends. */
export interface RedirectScenario extends ScenarioBase {
  kind: 'redirect';
  /** 301, 302, 303, 307 or 308. */
  status: number;
  /** The `Location` header: a path on this server, or a URL on another. */
  location: string;
}

/** Everything the server can be told to do with a chat-completion request. */
export type Scenario =
  PageScenario | RedirectScenario | ReplyScenario | ErrorScenario | DisconnectScenario | StallScenario | MalformedScenario | EmptyScenario;

/** The page a `page` scenario serves when it names none. */
export const DEFAULT_PAGE_HTML = '<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in to continue</h1></body></html>';

/** What the server answers when no scenario was queued and no default was set. */
export const DEFAULT_REPLY_TEXT = 'Hello from the local OpenAI-compatible test server.';

/** A truncated chunk: what a client sees when a proxy cuts a line in half. */
export const DEFAULT_MALFORMED_DATA =
  '{"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"trunc';

function errorScenario(status: number, error: OpenAIErrorBody, headers?: Record<string, string>): ErrorScenario {
  return headers ? { kind: 'error', status, error, headers } : { kind: 'error', status, error };
}

/**
 * The errors OpenAI actually returns, with its messages, types and codes, so
 * tests exercise the same branches a real account would hit.
 */
export const openaiErrors = {
  /** 401 for a key the server does not know. */
  invalidApiKey(key = 'sk-wrong-key'): ErrorScenario {
    const shown = key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : key;
    return errorScenario(401, {
      message: `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  },
  /** 401 when no key was sent at all. */
  missingApiKey(): ErrorScenario {
    return errorScenario(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });
  },
  /** 403, which OpenAI sends for unsupported regions and revoked project access. */
  permissionDenied(): ErrorScenario {
    return errorScenario(403, {
      message: 'Country, region, or territory not supported',
      type: 'request_forbidden',
      param: null,
      code: 'unsupported_country_region_territory',
    });
  },
  /** 404 for a model name the account cannot use. */
  modelNotFound(model = 'gpt-does-not-exist'): ErrorScenario {
    return errorScenario(404, {
      message: `The model \`${model}\` does not exist or you do not have access to it.`,
      type: 'invalid_request_error',
      param: null,
      code: 'model_not_found',
    });
  },
  /** 429 that asks the client to wait; the SDK's retry reads `retry-after`. */
  rateLimited(options: { retryAfterSeconds?: number; model?: string } = {}): ErrorScenario {
    const seconds = options.retryAfterSeconds ?? 1;
    const model = options.model ?? 'gpt-4o-mini';
    return errorScenario(
      429,
      {
        message: `Rate limit reached for ${model} in organization org-inkwelltest on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${seconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
      {
        'retry-after': String(seconds),
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${seconds}s`,
      },
    );
  },
  /** 429 that no amount of waiting fixes: the account is out of credit. */
  insufficientQuota(): ErrorScenario {
    return errorScenario(429, {
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    });
  },
  /** 500; OpenAI leaves `code` null here and puts the kind in `type`. */
  serverError(): ErrorScenario {
    return errorScenario(500, {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    });
  },
  /** 503 when the model is overloaded. */
  overloaded(): ErrorScenario {
    return errorScenario(503, {
      message: 'The server is overloaded or not ready yet.',
      type: 'server_error',
      param: null,
      code: null,
    });
  },
  /** 400 for a prompt longer than the model's window. */
  contextLengthExceeded(options: { maxTokens?: number; requested?: number } = {}): ErrorScenario {
    const max = options.maxTokens ?? 128000;
    const requested = options.requested ?? max + 2000;
    return errorScenario(400, {
      message: `This model's maximum context length is ${max} tokens. However, your messages resulted in ${requested} tokens. Please reduce the length of the messages.`,
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
  },
  /**
   * An error whose body quotes request headers back, as some gateways and
   * proxies do ("Invalid header Authorization: Bearer sk-…"): a client that
   * shows the server's text shows the key. Chooses its body from the request.
   */
  echoingHeaders(
    names: readonly string[] = ['authorization'],
    status = 400,
  ): (request: { headers: Record<string, string> }) => ErrorScenario {
    return (request) =>
      errorScenario(status, {
        message: `Request rejected by the gateway. Headers received: ${names.map((name) => `${name}: ${request.headers[name.toLowerCase()] ?? '(none)'}`).join('; ')}`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      });
  },
};

// Han, kana and Hangul: one model token per one or two characters.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');
const TOKEN_PATTERN = new RegExp(
  [
    '[^\\S\\n]*\\n+', // a line break, with the spaces before it, is its own token
    `[^\\S\\n]*(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, // a word with its leading space, as BPE tokens are
    `[^\\S\\n]*[${CJK}]{1,2}`,
    '[^\\S\\n]*\\S', // one punctuation mark or symbol
    '[^\\S\\n]+', // trailing spaces
  ].join('|'),
  'gu',
);

/**
 * Splits text into the pieces a model would stream: words with their leading
 * space and single punctuation marks for Latin text, one or two characters
 * for CJK. Joining the pieces always gives back the text.
 */
export function splitIntoTokens(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** Rough token count: one per CJK character, one per four other characters. */
export function countTokens(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const char of text) {
    if (CJK_CHAR.test(char)) {
      cjk++;
    } else {
      other++;
    }
  }
  return cjk + Math.ceil(other / 4);
}

function messageText(content: unknown): string {
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : '')).join('');
  }
  return '';
}

/** Prompt tokens as OpenAI bills them: content plus a few tokens of framing per message. */
export function countPromptTokens(messages: ReadonlyArray<{ content?: unknown }>): number {
  const perMessage = 4;
  const replyPriming = 3;
  return messages.reduce((sum, message) => sum + perMessage + countTokens(messageText(message.content)), replyPriming);
}

/** One content or reasoning delta, or a framing chunk (role, finish) that is not paced. */
export interface StreamEvent {
  choice: number;
  delta: Record<string, unknown>;
  finishReason: FinishReason | null;
  paced: boolean;
}

/** The per-choice token plan of a reply, before it is framed as chunks or a whole object. */
export interface ReplyPlan {
  contents: string[][];
  reasonings: string[][];
  finishReasons: FinishReason[];
}

/** Splits each choice's answer into the chunks it would be streamed as. */
export function planReply(scenario: Scenario, request: { n: number; maxTokens?: number }): ReplyPlan {
  const plan: ReplyPlan = { contents: [], reasonings: [], finishReasons: [] };
  const choiceCount = scenario.kind === 'reply' && scenario.ignoreN ? 1 : request.n;
  for (let index = 0; index < choiceCount; index++) {
    let contents: string[];
    let reasoning: string[] = [];
    let finish: FinishReason = 'stop';
    switch (scenario.kind) {
      case 'reply': {
        const text = scenario.choices?.length ? scenario.choices[index % scenario.choices.length] : (scenario.text ?? DEFAULT_REPLY_TEXT);
        contents = scenario.chunks && !scenario.choices?.length ? [...scenario.chunks] : splitIntoTokens(text);
        reasoning = scenario.reasoning ? splitIntoTokens(scenario.reasoning) : [];
        finish = scenario.finishReason ?? 'stop';
        break;
      }
      case 'empty':
        contents = [];
        break;
      default:
        contents = splitIntoTokens(('text' in scenario ? scenario.text : undefined) ?? DEFAULT_REPLY_TEXT);
    }
    // The model stops where the request's token limit says, as OpenAI does.
    if (request.maxTokens !== undefined && contents.length > request.maxTokens) {
      contents = contents.slice(0, request.maxTokens);
      finish = 'length';
    }
    plan.contents.push(contents);
    plan.reasonings.push(reasoning);
    plan.finishReasons.push(finish);
  }
  return plan;
}

/** Usage as OpenAI reports it; completion tokens are the chunks the plan sends. */
export function computeUsage(
  messages: ReadonlyArray<{ content?: unknown }>,
  plan: ReplyPlan,
  override?: Partial<CompletionUsage>,
): CompletionUsage {
  const prompt = countPromptTokens(messages);
  const reasoning = plan.reasonings.reduce((sum, r) => sum + r.length, 0);
  const completion = plan.contents.reduce((sum, c) => sum + c.length, 0) + reasoning;
  const usage: CompletionUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    ...override,
  };
  if (override && override.total_tokens === undefined) {
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  }
  return usage;
}

/** Interleaves the choices the way OpenAI does for n > 1: one delta per choice per step. */
export function streamEvents(plan: ReplyPlan, withFinish: boolean): StreamEvent[] {
  const sequences = plan.contents.map((contents, choice) => {
    const events: StreamEvent[] = [{ choice, delta: { role: 'assistant', content: '', refusal: null }, finishReason: null, paced: false }];
    for (const piece of plan.reasonings[choice]) {
      events.push({ choice, delta: { content: null, reasoning_content: piece }, finishReason: null, paced: true });
    }
    for (const piece of contents) {
      events.push({ choice, delta: { content: piece }, finishReason: null, paced: true });
    }
    if (withFinish) {
      events.push({ choice, delta: {}, finishReason: plan.finishReasons[choice], paced: false });
    }
    return events;
  });
  const longest = Math.max(0, ...sequences.map((s) => s.length));
  const merged: StreamEvent[] = [];
  for (let step = 0; step < longest; step++) {
    for (const sequence of sequences) {
      if (step < sequence.length) {
        merged.push(sequence[step]);
      }
    }
  }
  return merged;
}
