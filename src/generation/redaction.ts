/**
 * Keeps the key and the configured header values out of everything Inkwell
 * shows, logs, saves or exports. A server's error text may quote the
 * request's headers back; the messages built from it go into notifications,
 * the log, the chat's stored history and exported Markdown. No `vscode`
 * import: the generation layer redacts where an error is made, and the log
 * writer uses the same redactor as a second guard.
 */

/** What a redacted secret is shown as. */
export const redactedMark = '[redacted]';

/**
 * Shorter values are left alone: masking a two- or three-letter header
 * value (`1`, `yes`) would cut ordinary words out of messages, and such a
 * value is no secret.
 */
export const minSecretChars = 6;

/** The forms in which a secret may come back from a server: as sent, after `Bearer `, URL- or JSON-escaped. */
function variantsOf(secret: string): string[] {
  const trimmed = secret.trim();
  const bare = trimmed.replace(/^(?:bearer|basic|token)\s+/i, '');
  const variants = new Set([trimmed, bare]);
  for (const value of [trimmed, bare]) {
    variants.add(encodeURIComponent(value));
    variants.add(JSON.stringify(value).slice(1, -1));
  }
  return [...variants].filter((variant) => variant.length >= minSecretChars);
}

/** Replaces every occurrence of each secret (and its escaped forms) with {@link redactedMark}. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  // Longest first, so that a key is masked whole before a shorter secret inside it is.
  const variants = [...new Set([...secrets].flatMap((secret) => (secret ? variantsOf(secret) : [])))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const variant of variants) out = out.split(variant).join(redactedMark);
  return out;
}

/**
 * Headers that name the app to the service (OpenRouter's `HTTP-Referer` and
 * `X-Title`): public by design, and often a word such as "Inkwell" that
 * Inkwell's own messages use.
 */
const publicHeaders = new Set(['http-referer', 'referer', 'x-title', 'user-agent']);

/** The secrets of one endpoint: its key and the value of every configured header but the app-naming ones. */
export function endpointSecrets(endpoint: { apiKey?: string; headers: Record<string, string> }): string[] {
  const headerValues = Object.entries(endpoint.headers)
    .filter(([name]) => !publicHeaders.has(name.toLowerCase()))
    .map(([, value]) => value);
  return [endpoint.apiKey ?? '', ...headerValues].filter((value) => typeof value === 'string' && value.length > 0);
}

/**
 * Remembers the secrets of every endpoint used in this session, so that a
 * log line written anywhere can be cleaned of them, including a key that
 * has since been replaced.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  remember(secrets: Iterable<string>): void {
    for (const secret of secrets) if (secret.trim().length >= minSecretChars) this.secrets.add(secret);
  }

  redact(text: string): string {
    return this.secrets.size ? redactSecrets(text, this.secrets) : text;
  }
}

/** The writing methods of a log channel; every string they are given is redacted. */
const writingMethods = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function redactedArgument(value: unknown, redactor: SecretRedactor): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (value instanceof Error) {
    const copy = new Error(redactor.redact(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactor.redact(value.stack);
    return copy;
  }
  return value;
}

/**
 * The log channel as everything else sees it: the same object, except that
 * what is written through it is redacted first. The second guard, behind
 * the redaction where errors are made, for text that reaches the log by
 * another way (a logged prompt, a provider's own message).
 */
export function redactingLog<T extends object>(log: T, redactor: SecretRedactor): T {
  return new Proxy(log, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && writingMethods.has(property)) {
        return (...args: unknown[]) =>
          (value as (...args: unknown[]) => unknown).apply(
            target,
            args.map((arg) => redactedArgument(arg, redactor)),
          );
      }
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}
