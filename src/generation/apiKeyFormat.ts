import * as l10n from '@vscode/l10n';
/**
 * What goes into an Authorization header must be one unbroken token: a key
 * with a space, a line break or a control character inside is a paste gone
 * wrong (two keys, a label, a terminal's escape codes), and sent as is it
 * would split or corrupt the header.
 */
const forbiddenInKey = /[\s\p{Cc}\p{Cf}]/u;

/** The key as it should be stored: a paste's surrounding whitespace removed. */
export function normalizeApiKey(key: string): string {
  return key.trim();
}

/** Why the key cannot be stored, naming the fix; undefined when it can. */
export function apiKeyProblem(key: string): string | undefined {
  const normalized = normalizeApiKey(key);
  if (!normalized) return l10n.t('The key is empty. Paste the key, or press Escape to cancel.');
  const found = forbiddenInKey.exec(normalized);
  if (!found) return undefined;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return /\s/u.test(found[0])
    ? l10n.t(
        "The key contains a space or line break (U+{0}) at position {1}, so it is not one key. Copy the key again from your provider's page and paste only the key itself.",
        code,
        found.index + 1,
      )
    : l10n.t(
        "The key contains an invisible control character (U+{0}) at position {1}, so it is not one key. Copy the key again from your provider's page and paste only the key itself.",
        code,
        found.index + 1,
      );
}
