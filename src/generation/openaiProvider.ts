import * as l10n from '@vscode/l10n';
import OpenAI, { AzureOpenAI } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { EndpointConfig } from './endpoint';
import { endpointNeedsKey, endpointOrigin } from './endpoint';
import { classifyError, GenerationError, missingKeyMessage, retryAfterSeconds, type ErrorContext } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import { endpointSecrets } from './redaction';
import { refusedRedirectIn, sameOriginRedirectsOnly } from './redirectGuard';
import { isReasoningModel, tokenLimitParameterFor } from './modelFamilies';
import type { DeltaListener, FinishReason, GenerationOutcome, GenerationProvider, GenerationRequest, TokenUsage } from './types';

/**
 * The SDK refuses to start without a key. Without a stored key it gets this
 * one and the Authorization header is removed before sending, so a keyless
 * local server sees no key at all and a server that wants one answers 401 to
 * a request that truly had none.
 */
const unsentKey = 'inkwell-no-key';

const knownFinishReasons = new Set<FinishReason>(['stop', 'length', 'content_filter', 'tool_calls']);

/** Chat Completions over the `openai` SDK, for OpenAI, Azure OpenAI and every compatible server. */
export class OpenAIProvider implements GenerationProvider {
  private readonly client: OpenAI;

  /** Whether requests carry a key: the stored one, or one the user put in inkwell.extraHeaders. */
  private readonly keySent: boolean;
  /** Set when a remote endpoint has no key: every call fails with it before anything is sent. */
  private readonly missingKey?: GenerationError;

  constructor(private readonly endpoint: EndpointConfig) {
    if (!endpoint.apiKey && endpointNeedsKey(endpoint.baseUrl)) {
      this.missingKey = new GenerationError('missingKey', missingKeyMessage(endpointOrigin(endpoint.baseUrl), endpoint.missingKeyNote));
    }
    const headerNames = Object.keys(endpoint.headers).map((name) => name.toLowerCase());
    const keyInHeaders = headerNames.includes('authorization') || headerNames.includes('api-key');
    this.keySent = Boolean(endpoint.apiKey) || keyInHeaders;
    // A null header tells the SDK to drop the one it would add for the unsent key.
    const withoutUnsentKey = endpoint.apiKey || keyInHeaders ? {} : { authorization: null, 'api-key': null };
    // apiKey, baseURL, organization and project are always passed so the SDK
    // never falls back to OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_ORG_ID /
    // OPENAI_PROJECT_ID from the environment: those were set for some other
    // program and would reach every endpoint as headers.
    const common = {
      apiKey: endpoint.apiKey || unsentKey,
      organization: null,
      project: null,
      maxRetries: endpoint.maxRetries,
      timeout: endpoint.idleTimeoutMs,
      defaultHeaders: { ...endpoint.headers, ...withoutUnsentKey },
      logLevel: 'off' as const,
      fetch: sameOriginRedirectsOnly(refuseLongRetryWaits(Math.min(maxRetryWaitSeconds, endpoint.idleTimeoutMs / 1000))),
    };
    this.client =
      endpoint.kind === 'azure'
        ? new AzureOpenAI({
            ...common,
            endpoint: endpoint.baseUrl,
            apiVersion: endpoint.azureApiVersion,
            deployment: endpoint.azureDeployment || endpoint.model,
          })
        : new OpenAI({ ...common, baseURL: endpoint.baseUrl });
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    if (this.missingKey) throw this.missingKey;
    try {
      const ids: string[] = [];
      for await (const model of this.client.models.list({ signal })) ids.push(model.id);
      return ids.sort();
    } catch (error) {
      throw classifyError(refusedRedirectIn(error) ?? error, this.errorContext());
    }
  }

  async generate(request: GenerationRequest, onDelta: DeltaListener): Promise<GenerationOutcome> {
    if (this.missingKey) throw this.missingKey;
    const started = Date.now();
    const model = request.model || this.endpoint.model;
    const controller = new AbortController();
    let abortReason: 'user' | 'idle' | undefined;
    const onUserAbort = () => {
      abortReason ??= 'user';
      controller.abort();
    };
    if (request.signal?.aborted) onUserAbort();
    request.signal?.addEventListener('abort', onUserAbort, { once: true });
    const watchdog = new IdleWatchdog(this.endpoint.idleTimeoutMs, () => {
      abortReason ??= 'idle';
      controller.abort();
    });

    const choices: string[] = [''];
    let finishReason: FinishReason | undefined;
    let usage: TokenUsage | undefined;
    let reportedModel: string | undefined;
    let firstTokenMs: number | undefined;
    try {
      const stream = await untilAborted(
        this.client.chat.completions.create(this.buildParams(request, model), { signal: controller.signal }),
        controller.signal,
      );
      watchdog.start();
      for await (const chunk of stream) {
        watchdog.touch();
        reportedModel ??= chunk.model;
        if (chunk.usage) {
          usage = {
            promptTokens: chunk.usage.prompt_tokens,
            completionTokens: chunk.usage.completion_tokens,
            totalTokens: chunk.usage.total_tokens,
          };
        }
        // The usage chunk arrives with an empty `choices` array.
        for (const choice of chunk.choices ?? []) {
          const content = choice.delta?.content;
          if (content) {
            choices[choice.index] = (choices[choice.index] ?? '') + content;
            if (choice.index === 0) {
              firstTokenMs ??= Date.now() - started;
              onDelta(content);
            }
          }
          if (choice.finish_reason && choice.index === 0) {
            finishReason = knownFinishReasons.has(choice.finish_reason as FinishReason)
              ? (choice.finish_reason as FinishReason)
              : 'unknown';
          }
        }
      }
      // A mid-stream abort ends the iterator silently: only the signal tells.
      if (controller.signal.aborted) throw new Error('aborted');
    } catch (error) {
      throw classifyError(refusedRedirectIn(error) ?? error, {
        ...this.errorContext(model, request),
        abortReason,
        partialText: choices[0],
      });
    } finally {
      watchdog.stop();
      request.signal?.removeEventListener('abort', onUserAbort);
    }

    const text = choices[0];
    const partial = { partialText: text };
    if (finishReason === undefined && reportedModel === undefined) {
      // Not one chat-completion chunk: a web page, a proxy's login form, or another API answered with 200.
      throw new GenerationError(
        'badResponse',
        l10n.t(
          '{0} answered, but not with OpenAI-compatible streaming data, so nothing arrived. Check that inkwell.baseUrl points to the API (usually ending in /v1), not a web page.',
          endpointOrigin(this.endpoint.baseUrl),
        ),
        partial,
      );
    }
    if (finishReason === undefined) {
      throw new GenerationError(
        'network',
        l10n.t(
          'The connection to {0} closed before the answer was finished. Try again to get the rest.',
          endpointOrigin(this.endpoint.baseUrl),
        ),
        partial,
      );
    }
    if (finishReason === 'length' && !request.acceptTruncated) {
      throw new GenerationError(
        'truncated',
        request.maxOutputTokens
          ? l10n.t(
              'The answer was cut off at the output token limit ({0} tokens). Raise inkwell.maxTokens, or select less text.',
              request.maxOutputTokens,
            )
          : l10n.t('The answer was cut off at the output token limit. Raise inkwell.maxTokens, or select less text.'),
        partial,
      );
    }
    if (finishReason === 'content_filter') {
      throw new GenerationError(
        'contentFiltered',
        l10n.t("The provider's content filter stopped the answer. Rephrase the text or instruction and try again."),
        partial,
      );
    }
    if (!text.trim() && !request.acceptTruncated) {
      throw new GenerationError('emptyAnswer', l10n.t('"{0}" returned an empty answer. Try again, or try another model.', model), partial);
    }
    return { finishReason, usage, text, choices, model: reportedModel, firstTokenMs, durationMs: Date.now() - started };
  }

  private buildParams(request: GenerationRequest, model: string): ChatCompletionCreateParamsStreaming {
    const reasoning = isReasoningModel(model);
    const params: ChatCompletionCreateParamsStreaming = {
      model,
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
    };
    // Reasoning models accept only their default temperature.
    if (request.temperature !== undefined && !reasoning) params.temperature = request.temperature;
    if (request.maxOutputTokens) {
      params[tokenLimitParameterFor(model, this.endpoint.tokenLimitParameter)] = request.maxOutputTokens;
    }
    if (request.stop?.length) params.stop = request.stop;
    if (request.n && request.n > 1) params.n = request.n;
    return params;
  }

  private errorContext(model = this.endpoint.model, request?: GenerationRequest): ErrorContext {
    return {
      baseUrl: this.endpoint.baseUrl,
      model,
      keySent: this.keySent,
      missingKeyNote: this.endpoint.missingKeyNote,
      secret: this.endpoint.apiKey,
      headerValues: endpointSecrets({ headers: this.endpoint.headers }),
      idleTimeoutSeconds: Math.round(this.endpoint.idleTimeoutMs / 1000),
      maxOutputTokens: request?.maxOutputTokens,
    };
  }
}

/** The SDK only notices an abort between its retry sleeps; a cancel must not wait for one to end. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Longest Retry-After the SDK may sleep through before Inkwell reports the wait instead. */
const maxRetryWaitSeconds = 60;

/**
 * The SDK sleeps for any Retry-After, however long, without watching the abort
 * signal. Past the limit, mark the response not-to-retry so the user is told
 * how long to wait instead of facing a silent hang. Calls the global `fetch`
 * at request time, so VS Code's proxy-aware patch of it still applies.
 */
function refuseLongRetryWaits(limitSeconds: number): typeof fetch {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (response.status !== 429 && response.status < 500) return response;
    const wait = retryAfterSeconds(response.headers);
    if (wait === undefined || wait <= limitSeconds) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}
