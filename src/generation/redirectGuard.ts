import * as l10n from '@vscode/l10n';
import { GenerationError } from './errors';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** More hops than any real API needs; a loop on one origin ends here. */
const maxRedirects = 5;

/**
 * A `fetch` that follows redirects only within the origin the request was
 * made to. Left to itself, fetch carries the Azure `api-key` header, every
 * `inkwell.extraHeaders` value and, for 307/308, the user's text to whatever
 * host a server names in `Location`; here a redirect to another origin fails
 * with a `redirectRefused` error that names the target, and nothing is sent
 * there.
 */
export function sameOriginRedirectsOnly(next: typeof fetch): typeof fetch {
  return async (input, init) => {
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const origin = url.origin;
    let method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    // The SDK sends JSON as a string, which can be sent again after a 307/308 within the origin.
    let body = init?.body;
    for (let hop = 0; ; hop++) {
      const response = await next(url.href, { ...init, method, body, redirect: 'manual' });
      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null) return response;
      const target = new URL(location, url);
      await response.body?.cancel();
      if (target.origin !== origin) {
        throw new GenerationError(
          'redirectRefused',
          l10n.t(
            '{0} redirected the request to {1}, another server. Inkwell did not follow it, so neither your text nor your key went there. If the service has moved, set inkwell.baseUrl to its new address yourself.',
            origin,
            target.href,
          ),
          { status: response.status },
        );
      }
      if (hop + 1 >= maxRedirects) {
        throw new GenerationError(
          'redirectRefused',
          l10n.t('{0} redirected the request more than {1} times (last to {2}). Check inkwell.baseUrl.', origin, maxRedirects, target.href),
          { status: response.status },
        );
      }
      // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
      }
      url = target;
    }
  };
}

/** The refused redirect inside whatever the SDK wrapped it in (it reports fetch failures as connection errors). */
export function refusedRedirectIn(error: unknown): GenerationError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (current instanceof GenerationError && current.category === 'redirectRefused') return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
