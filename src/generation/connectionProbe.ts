import type { EndpointConfig } from './endpoint';
import { endpointOrigin } from './endpoint';
import { sameOriginRedirectsOnly } from './redirectGuard';

/** What one extra GET to the endpoint's own origin found; empty when no HTTP answer came (or the URL was on another origin, which is never asked). */
export interface ProbeAnswer {
  status?: number;
  /** The ids of an OpenAI-style model list (`{"data":[{"id":…}]}`), when a 200 body is one. */
  modelIds?: string[];
  /** The names in Ollama's own model list (`{"models":[{"name":…}]}`), when a 200 body is one. */
  ollamaModels?: string[];
}

/** Asks one URL on the configured origin; never rejects. */
export type Probe = (url: string) => Promise<ProbeAnswer>;

/** An extra look is a hint, not the test: a server that takes longer than this has told enough already. */
export const probeTimeoutMs = 3000;

/** More than any model list; a body past it is not read. */
const maxProbeBodyChars = 1_000_000;

function namesIn(list: unknown, field: 'id' | 'name'): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list
    .map((entry) => (entry as Record<string, unknown> | null)?.[field])
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/**
 * Probes for the diagnosis, with the endpoint's own headers and key. A URL on
 * any other origin is answered "no answer" without a request, and a redirect
 * to another origin is refused as for every request, so the key never leaves
 * the origin it was stored for. Azure takes its key as `api-key`.
 */
export function sameOriginProbe(endpoint: EndpointConfig, signal?: AbortSignal, timeoutMs = probeTimeoutMs): Probe {
  const origin = endpointOrigin(endpoint.baseUrl);
  const guarded = sameOriginRedirectsOnly((input, init) => globalThis.fetch(input, init));
  const auth: Record<string, string> = !endpoint.apiKey
    ? {}
    : endpoint.kind === 'azure'
      ? { 'api-key': endpoint.apiKey }
      : { authorization: `Bearer ${endpoint.apiKey}` };
  return async (url) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return {};
    }
    if (target.origin !== origin) return {};
    const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
    try {
      const response = await guarded(target.href, {
        method: 'GET',
        headers: { accept: 'application/json', ...auth, ...endpoint.headers },
        signal: AbortSignal.any(signals),
      });
      const text = (await response.text()).slice(0, maxProbeBodyChars);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { status: response.status };
      }
      const modelIds = response.ok ? namesIn((body as { data?: unknown } | null)?.data, 'id') : undefined;
      const ollamaModels = response.ok ? namesIn((body as { models?: unknown } | null)?.models, 'name') : undefined;
      return { status: response.status, ...(modelIds ? { modelIds } : {}), ...(ollamaModels ? { ollamaModels } : {}) };
    } catch {
      return {};
    }
  };
}
