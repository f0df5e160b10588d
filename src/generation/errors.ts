import * as l10n from '@vscode/l10n';
import OpenAI from 'openai';
import { endpointOrigin } from './endpoint';
import { redactSecrets } from './redaction';

/**
 * Every way a generation can fail, one category each. Callers switch on the
 * category to offer the right follow-up (e.g. "Set API Key" for `missingKey`
 * and `authFailed`); the message already names the fix in words.
 */
export type GenerationErrorCategory =
  | 'missingKey'
  | 'authFailed'
  | 'permissionDenied'
  | 'modelNotFound'
  | 'badBaseUrl'
  | 'rateLimited'
  | 'quotaExhausted'
  | 'contextTooLong'
  | 'badRequest'
  | 'serverError'
  | 'network'
  | 'idleTimeout'
  | 'cancelled'
  | 'emptyAnswer'
  | 'truncated'
  | 'contentFiltered'
  | 'badResponse'
  /** The server redirected to another origin; nothing was sent there. */
  | 'redirectRefused'
  /** The user did not allow sending to this endpoint (yet); nothing was sent. */
  | 'consentDeclined';

export class GenerationError extends Error {
  override readonly name = 'GenerationError';
  constructor(
    readonly category: GenerationErrorCategory,
    message: string,
    readonly details: {
      status?: number;
      /** Seconds the server asked us to wait (429). */
      retryAfterSeconds?: number;
      /** Text that streamed before the failure; callers keep it, never discard it. */
      partialText?: string;
    } & FailureEvidence = {},
  ) {
    super(message);
  }

  get partialText(): string {
    return this.details.partialText ?? '';
  }
}

/**
 * What the server or the network said, beyond the status, kept so that a
 * diagnosis (src/generation/connectionDiagnosis.ts) can name the cause
 * without parsing the message. Redacted like the message.
 */
export interface FailureEvidence {
  /** The error body's `code` (or `type`), e.g. `model_not_found`, `DeploymentNotFound`. */
  code?: string;
  /** The error body's message, or its `error` when that is a bare string (Ollama's own API), cut to length. */
  serverText?: string;
  /** The system error under a connection failure, e.g. `ECONNREFUSED`, `ENOTFOUND`. */
  networkCause?: string;
}

/** What the classifier needs to know about the request to phrase a useful message. */
export interface ErrorContext {
  /** The configured base URL, as the user typed it. */
  baseUrl: string;
  model: string;
  /** Seconds of silence after which the watchdog gave up. */
  idleTimeoutSeconds: number;
  maxOutputTokens?: number;
  /** Why our own AbortController fired, when it did. */
  abortReason?: 'user' | 'idle';
  partialText?: string;
  /**
   * Whether the request carried a key (stored, or in inkwell.extraHeaders). A
   * 401 to a request without one means the server wants a key and none is
   * stored: calling that a rejected key sends the user looking for a wrong key.
   */
  keySent: boolean;
  /** Said in the message when no key is stored, e.g. why a key set earlier may be gone. */
  missingKeyNote?: string;
  /** The key that was sent, so a server that echoes it cannot put it into a message or the log. */
  secret?: string;
  /** The values of the configured headers, kept out of messages for the same reason. */
  headerValues?: readonly string[];
}

/** The message for an endpoint that wants a key when none is stored for its origin. */
export function missingKeyMessage(origin: string, note = '', status?: number): string {
  const message = status
    ? l10n.t(
        'No key stored for {0} and the server asks for one ({1}). Run "Inkwell: Set API Key" to store one, or "Inkwell: Choose Provider" to use another endpoint.',
        origin,
        status,
      )
    : l10n.t(
        'No key stored for {0}. Run "Inkwell: Set API Key" to store one, or "Inkwell: Choose Provider" to use another endpoint.',
        origin,
      );
  return note ? `${message} ${note}` : message;
}

/** Seconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
export function retryAfterSeconds(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.ceil(Number(ms) / 1000);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function errorCode(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { code?: unknown; type?: unknown } | undefined;
  return String(error.code ?? body?.code ?? body?.type ?? '');
}

/** The server's own words: `{"error":{"message":…}}` as OpenAI writes it, or `{"error":"…"}` as Ollama's own API and some proxies do. */
function serverMessage(error: InstanceType<typeof OpenAI.APIError>): string | undefined {
  const body: unknown = error.error;
  if (typeof body === 'string') return body || undefined;
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
}

/** A 404 that is about the path, not the model, usually means the base URL misses (or doubles) `/v1`. */
function describeBadPath(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(trimmed)) {
    return l10n.t(
      'inkwell.baseUrl ({0}) should stop before /chat/completions: try {1}.',
      baseUrl,
      trimmed.replace(/\/chat\/completions$/, ''),
    );
  }
  if (!/\/v\d+[a-z]*$/.test(trimmed) && !/\/openai$/.test(trimmed)) {
    return l10n.t('OpenAI-compatible servers usually serve under /v1: try setting inkwell.baseUrl to {0}/v1.', trimmed);
  }
  return l10n.t("Check inkwell.baseUrl ({0}): it should be the API's base, the part before /chat/completions.", baseUrl);
}

function causeText(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}

/** Turns anything the SDK or the network throws into one `GenerationError`. */
export function classifyError(error: unknown, context: ErrorContext): GenerationError {
  if (error instanceof GenerationError) return error;
  const origin = endpointOrigin(context.baseUrl);
  const partialText = context.partialText;
  const secrets = [context.secret, ...(context.headerValues ?? [])];
  // Redacted before it is cut to length, so that no cut leaves the start of a key behind.
  const quoted = (text: string) => redactSecrets(text, secrets).slice(0, 200);
  // Every message is redacted as it is made: it is shown, logged, stored with the chat and exported.
  const make = (
    category: GenerationErrorCategory,
    message: string,
    extra: { status?: number; retryAfterSeconds?: number } & FailureEvidence = {},
  ) => new GenerationError(category, redactSecrets(message, secrets), { ...extra, partialText });

  if (context.abortReason === 'idle') {
    return make(
      'idleTimeout',
      l10n.t(
        'No data arrived from {0} for {1} s, so Inkwell stopped waiting. Try again, or raise inkwell.requestTimeoutSeconds for slow (e.g. local) models.',
        origin,
        context.idleTimeoutSeconds,
      ),
    );
  }
  if (context.abortReason === 'user' || error instanceof OpenAI.APIUserAbortError) {
    return make('cancelled', l10n.t('Cancelled.'));
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return make(
      'idleTimeout',
      l10n.t(
        '{0} did not answer within {1} s. Check that the server is up, or raise inkwell.requestTimeoutSeconds for slow models.',
        origin,
        context.idleTimeoutSeconds,
      ),
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = causeText(error);
    const hint =
      cause === 'ENOTFOUND' || cause === 'EAI_AGAIN'
        ? l10n.t('the host name does not resolve')
        : cause === 'ECONNREFUSED'
          ? l10n.t('nothing is listening there')
          : cause
            ? l10n.t('the connection failed ({0})', cause)
            : l10n.t('the network request failed');
    return make(
      'network',
      l10n.t('Cannot reach {0}: {1}. Check inkwell.baseUrl, that the server is running, and your network or proxy.', origin, hint),
      cause ? { networkCause: cause } : {},
    );
  }
  // An `error` event inside a 200 stream: the server gave up mid-answer; neither the network nor the URL is at fault.
  if (error instanceof OpenAI.APIError && error.status === undefined && error.error) {
    const serverText = (error.error as { message?: unknown }).message;
    return make(
      'serverError',
      typeof serverText === 'string' && serverText
        ? l10n.t('{0} reported an error in the middle of the answer: "{1}". Try again in a moment.', origin, quoted(serverText))
        : l10n.t('{0} reported an error in the middle of the answer. Try again in a moment.', origin),
    );
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const status = error.status;
    const code = errorCode(error);
    const serverText = serverMessage(error);
    const said = serverText ? ` ${l10n.t('The server said: "{0}"', quoted(serverText))}` : '';
    const evidence: FailureEvidence = {
      ...(code ? { code: quoted(code) } : {}),
      ...(serverText ? { serverText: quoted(serverText) } : {}),
    };
    if (status === 401 && !context.keySent) {
      return make('missingKey', missingKeyMessage(origin, context.missingKeyNote, status), { status, ...evidence });
    }
    if (status === 401) {
      return make(
        'authFailed',
        l10n.t('{0} rejected the API key (401). Run "Inkwell: Set API Key" to enter a valid key for this endpoint.', origin),
        { status, ...evidence },
      );
    }
    if (status === 403) {
      return make(
        'permissionDenied',
        l10n.t(
          '{0} refused the request (403): the API key has no access to model "{1}" or this region. Check the key\'s permissions, or run "Inkwell: Set API Key" with another key.',
          origin,
          context.model,
        ) + said,
        { status, ...evidence },
      );
    }
    if (status === 404) {
      const aboutModel =
        code === 'model_not_found' ||
        code === 'DeploymentNotFound' ||
        /\bmodel\b[^/]*\b(does not exist|not exist|not found)/i.test(String(serverText ?? ''));
      if (aboutModel) {
        return make(
          'modelNotFound',
          l10n.t(
            'The model "{0}" is not available at {1} (404). Set inkwell.model to a model this endpoint serves; "Inkwell: Test Connection" lists them.',
            context.model,
            origin,
          ),
          { status, ...evidence },
        );
      }
      return make(
        'badBaseUrl',
        `${l10n.t('{0} has no chat completions API at this address (404).', origin)} ${describeBadPath(context.baseUrl)}`,
        { status, ...evidence },
      );
    }
    if (status === 429) {
      const wait = retryAfterSeconds(error.headers);
      if (code === 'insufficient_quota' || /quota|billing|balance/i.test(String(serverText ?? ''))) {
        return make(
          'quotaExhausted',
          l10n.t(
            'Your account at {0} has run out of quota or credit (429 {1}). Add credit or billing details with the provider, or choose another provider with "Inkwell: Choose Provider".',
            origin,
            code || 'insufficient_quota',
          ),
          { status, ...evidence },
        );
      }
      return make(
        'rateLimited',
        wait !== undefined
          ? l10n.t(
              "{0} is rate limiting requests (429) after Inkwell's automatic retries. Wait {1} s and try again, or lower inkwell.maxConcurrentRequests.",
              origin,
              wait,
            )
          : l10n.t(
              "{0} is rate limiting requests (429) after Inkwell's automatic retries. Wait a little and try again, or lower inkwell.maxConcurrentRequests.",
              origin,
            ),
        { status, retryAfterSeconds: wait, ...evidence },
      );
    }
    if (
      status === 400 &&
      (code === 'context_length_exceeded' || /context length|maximum context|too many tokens|too long/i.test(String(serverText ?? '')))
    ) {
      return make(
        'contextTooLong',
        l10n.t(
          'The text is too long for the context window of "{0}". Select less text, or choose a model with a larger window in inkwell.model.',
          context.model,
        ),
        { status, ...evidence },
      );
    }
    if (status >= 500) {
      return make(
        'serverError',
        l10n.t(
          "{0} had an internal error ({1}) and Inkwell's retries did not get through. Try again in a moment; if it persists, check the provider's status page.",
          origin,
          status,
        ) + said,
        { status, ...evidence },
      );
    }
    const tokenParameter = String(serverText ?? '').match(/max_completion_tokens|max_tokens/);
    if (status === 400 && tokenParameter) {
      const other = tokenParameter[0] === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
      return make(
        'badRequest',
        `${l10n.t('{0} does not accept the output limit Inkwell sent for "{1}".', origin, context.model)}${said} ${l10n.t('Set inkwell.tokenLimitParameter to {0}.', other)}`,
        { status, ...evidence },
      );
    }
    if (status === 400 || status === 422) {
      return make(
        'badRequest',
        `${l10n.t('{0} rejected the request ({1}).', origin, status)}${said} ${l10n.t('Check inkwell.model and the request settings (temperature, maxTokens).')}`,
        { status, ...evidence },
      );
    }
    return make('badResponse', l10n.t('{0} answered with an unexpected status {1}.', origin, status) + said, { status, ...evidence });
  }
  const text = error instanceof Error ? error.message : String(error);
  // undici reports a socket dropped mid-body as a bare TypeError('terminated').
  if (text === 'terminated' || /UND_ERR_SOCKET|ECONNRESET|socket/i.test(`${causeText(error)} ${text}`)) {
    return make(
      'network',
      partialText
        ? l10n.t('The connection to {0} dropped in the middle of the answer. Try again to get the rest.', origin)
        : l10n.t(
            'The connection to {0} dropped before any answer arrived. Try again; if it persists, check that the server is running.',
            origin,
          ),
    );
  }
  if (error instanceof SyntaxError || /JSON|Unexpected token|parse/i.test(text)) {
    return make(
      'badResponse',
      l10n.t(
        '{0} sent a reply that is not valid OpenAI-compatible data. Check that inkwell.baseUrl points to an OpenAI-compatible API (usually ending in /v1).',
        origin,
      ),
    );
  }
  return make('network', l10n.t('The request to {0} failed: {1}. Check inkwell.baseUrl and your network.', origin, text));
}
