import type { TokenLimitParameter } from './modelFamilies';

/** Everything needed to reach one OpenAI-compatible endpoint. Built fresh per request from settings and secrets. */
export interface EndpointConfig {
  /** `openai` covers every OpenAI-compatible server; `azure` uses deployments and api-version. */
  kind: 'openai' | 'azure';
  baseUrl: string;
  model: string;
  /** Undefined when none is stored; loopback servers (Ollama, LM Studio) do not need one. */
  apiKey?: string;
  /**
   * Added to "no key stored" messages: where the key may have gone, e.g. that
   * VS Code's server build in a browser forgets keys on Reload Window.
   */
  missingKeyNote?: string;
  headers: Record<string, string>;
  azureApiVersion: string;
  /** Azure deployment name; defaults to the model. */
  azureDeployment?: string;
  tokenLimitParameter: TokenLimitParameter;
  /** Silence (no bytes) after which a request is abandoned. */
  idleTimeoutMs: number;
  maxRetries: number;
}

/** The endpoint's origin (`https://api.openai.com`), or the text as typed when it is no URL. */
export function endpointOrigin(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}

/** The endpoint's host (`api.openai.com`), for short messages. */
export function endpointHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/** Whether the endpoint is on this machine, so nothing sent to it crosses a network. */
export function isLoopbackEndpoint(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    // WHATWG URL writes ::ffff:127.0.0.1 as [::ffff:7f00:1].
    return (
      loopbackHosts.has(host) || host.endsWith('.localhost') || /^127\./.test(host) || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
    );
  } catch {
    return false;
  }
}

/** Local servers such as Ollama, LM Studio and vLLM accept any key, so none is required. */
export function endpointNeedsKey(baseUrl: string): boolean {
  return !isLoopbackEndpoint(baseUrl);
}

/**
 * The key for SecretStorage: one key per origin, so switching provider does
 * not send one provider's key to another.
 */
export function keyStorageId(baseUrl: string): string {
  return `inkwell.apiKey:${endpointOrigin(baseUrl)}`;
}
