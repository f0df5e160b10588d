import * as vscode from 'vscode';
import { readConfig, type InkwellConfig } from '../settings/config';
import type { EndpointConsent } from '../consent/consentStore';
import { endpointNeedsKey, endpointOrigin, type EndpointConfig } from '../generation/endpoint';
import type { ResolvedProvider } from '../generation/generationService';
import { OpenAIProvider } from '../generation/openaiProvider';
import { endpointSecrets, type SecretRedactor } from '../generation/redaction';
import { LanguageModelProvider } from './languageModelProvider';

/** Where the key for an endpoint comes from: `ApiKeyStore` (secret storage) in the extension. */
export interface KeyLookup {
  get(baseUrl: string): Thenable<string | undefined>;
}

/**
 * In a browser the secret storage depends on the server. The workbench seals
 * secrets into localStorage with a key half from the server's `/mint-key`;
 * VS Code's own server build (`server-main.js`, as `npm start` and the tests
 * run it) does not serve that route, so secrets stay in the page's memory and
 * Reload Window forgets them. Desktop VS Code keeps them with the OS keychain.
 */
const webKeyNote =
  "In a browser, VS Code's server build may keep keys only until the page reloads: if you set one before Reload Window, set it again.";

/** The endpoint the settings describe, with the key from secret storage. */
export async function endpointFromSettings(config: InkwellConfig, keys: KeyLookup): Promise<EndpointConfig> {
  return {
    kind: config.provider === 'azure' ? 'azure' : 'openai',
    baseUrl: config.baseUrl.trim(),
    model: config.model.trim(),
    apiKey: await keys.get(config.baseUrl.trim()),
    missingKeyNote: vscode.env.uiKind === vscode.UIKind.Web ? webKeyNote : undefined,
    headers: config.extraHeaders,
    azureApiVersion: config.azureApiVersion,
    azureDeployment: config.azureDeployment || undefined,
    tokenLimitParameter: config.tokenLimitParameter,
    idleTimeoutMs: config.requestTimeoutSeconds * 1000,
    maxRetries: config.maxRetries,
  };
}

/**
 * Builds the provider for the next request from the current settings and key,
 * after the user has allowed sending to its origin. A remote endpoint without
 * a key is not asked about: its request fails with "no key stored" before
 * anything is sent. `secrets` learns the key and header values in use.
 */
export function providerSource(keys: KeyLookup, consent: EndpointConsent, secrets?: SecretRedactor): () => Promise<ResolvedProvider> {
  return async () => {
    const config = readConfig();
    if (config.provider === 'vscode') {
      return { provider: new LanguageModelProvider(config.model), endpoint: 'vscode-lm', model: config.model };
    }
    const endpoint = await endpointFromSettings(config, keys);
    secrets?.remember(endpointSecrets(endpoint));
    if (endpoint.apiKey || !endpointNeedsKey(endpoint.baseUrl)) await consent.ensure(endpoint);
    return { provider: new OpenAIProvider(endpoint), endpoint: endpointOrigin(endpoint.baseUrl), model: endpoint.model };
  };
}
