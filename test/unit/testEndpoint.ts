import type { EndpointConfig } from '../../src/generation/endpoint';

/** An endpoint as the settings would describe it, with no key, no retries and a short timeout unless overridden. */
export function testEndpoint(overrides: Partial<EndpointConfig> & Pick<EndpointConfig, 'baseUrl'>): EndpointConfig {
  return {
    kind: 'openai',
    model: 'gpt-4o-mini',
    headers: {},
    azureApiVersion: '2024-10-21',
    tokenLimitParameter: 'auto',
    idleTimeoutMs: 5000,
    maxRetries: 0,
    ...overrides,
  };
}
