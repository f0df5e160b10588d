import * as l10n from '@vscode/l10n';
import { isLoopbackEndpoint } from '../generation/endpoint';

/** The origins the user has allowed, as remembered between sessions. */
export interface GrantedOrigins {
  /** May receive the user's text. */
  text: readonly string[];
  /** May receive the stored key (and text) over plain http://. */
  plainKey: readonly string[];
}

/** The one question to ask before anything goes to an endpoint. */
export interface ConsentQuestion {
  origin: string;
  message: string;
  detail: string;
  /** The button that allows it; anything else (Cancel, Escape) refuses. */
  allow: string;
  /** Allowing also lets the key travel unencrypted. */
  unencrypted: boolean;
}

/**
 * Which question, if any, must be answered before a request goes to
 * `baseUrl`. Loopback endpoints are never asked about: what is sent to them
 * stays on this machine (Ollama, LM Studio, the tests' local server), and a
 * redirect away from them is refused by the generation layer.
 */
export function consentQuestion(endpoint: { baseUrl: string; apiKey?: string }, granted: GrantedOrigins): ConsentQuestion | undefined {
  let url: URL;
  try {
    url = new URL(endpoint.baseUrl);
  } catch {
    // The request itself fails with a message about the address; nothing can be sent.
    return undefined;
  }
  if (isLoopbackEndpoint(endpoint.baseUrl)) return undefined;
  const origin = url.origin;
  if (url.protocol === 'http:') {
    const withKey = Boolean(endpoint.apiKey);
    if ((withKey ? granted.plainKey : granted.text).includes(origin)) return undefined;
    return {
      origin,
      message: withKey
        ? l10n.t('Send your key and text unencrypted to {0}?', origin)
        : l10n.t('Send your text unencrypted to {0}?', origin),
      detail: `${origin} uses plain http://, so anyone on the network between you and it can read ${withKey ? 'your API key and ' : ''}everything Inkwell sends. Use an https:// address if the server has one. Inkwell asks once for this address.`,
      allow: 'Send Unencrypted',
      unencrypted: withKey,
    };
  }
  if (granted.text.includes(origin)) return undefined;
  return {
    origin,
    message: l10n.t('Send your text to {0}?', origin),
    detail: l10n.t(
      'Inkwell has not sent anything to {0} before. Check the address (inkwell.baseUrl): a typo, or a setting changed by another extension, would send your text to someone else. Inkwell asks once for this address.',
      origin,
    ),
    allow: 'Send',
    unencrypted: false,
  };
}

/** The remembered origins after the user allowed `question`. */
export function withGrant(granted: GrantedOrigins, origin: string, unencryptedKey: boolean): GrantedOrigins {
  const add = (list: readonly string[]) => (list.includes(origin) ? list : [...list, origin]);
  return { text: add(granted.text), plainKey: unencryptedKey ? add(granted.plainKey) : granted.plainKey };
}
