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

/** A service whose keys have a shape of their own, so a key pasted for the wrong endpoint can be recognised. */
export interface KeyFamily {
  id: 'openai' | 'deepseekOrQwen' | 'openrouter' | 'anthropic' | 'zhipu' | 'google' | 'groq';
  /** Who issues such keys, as a sentence names them: "DeepSeek or Qwen (DashScope)". */
  issuer: string;
  /** The shape in words, so the message shows why Inkwell thinks so without showing the key. */
  shape: string;
  /** Provider presets (src/generation/providerPresets.ts) whose endpoints take such keys. */
  presets: readonly string[];
}

/**
 * Shapes the services document or visibly use. DeepSeek and DashScope keys
 * look alike (`sk-` and 32 hex digits), so that family names both; a shape
 * several services share (such as `sk-` and 48 letters) is left out.
 */
const keyFamilies: ReadonlyArray<KeyFamily & { pattern: RegExp }> = [
  {
    id: 'openrouter',
    issuer: 'OpenRouter',
    shape: 'it starts with sk-or-',
    presets: ['openrouter'],
    pattern: /^sk-or-(v\d+-)?[0-9a-f]{32,}$/,
  },
  { id: 'anthropic', issuer: 'Anthropic', shape: 'it starts with sk-ant-', presets: [], pattern: /^sk-ant-[A-Za-z0-9_-]{20,}$/ },
  {
    id: 'openai',
    issuer: 'OpenAI',
    shape: 'it starts with sk-proj-, sk-svcacct- or sk-admin-, or holds OpenAI’s T3BlbkFJ marker',
    presets: ['openai'],
    pattern: /^sk-((proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]*)$/,
  },
  {
    id: 'deepseekOrQwen',
    issuer: 'DeepSeek or Qwen (DashScope)',
    shape: 'sk- followed by 32 hexadecimal digits',
    presets: ['deepseek', 'qwen'],
    pattern: /^sk-[0-9a-f]{32}$/,
  },
  {
    id: 'zhipu',
    issuer: 'Zhipu GLM',
    shape: '32 hexadecimal digits, a dot and 16 more characters',
    presets: ['zhipu'],
    pattern: /^[0-9a-f]{32}\.[A-Za-z0-9]{16}$/,
  },
  { id: 'google', issuer: 'Google (Gemini)', shape: 'it starts with AIza', presets: [], pattern: /^AIza[0-9A-Za-z_-]{35}$/ },
  { id: 'groq', issuer: 'Groq', shape: 'it starts with gsk_', presets: [], pattern: /^gsk_[A-Za-z0-9]{40,}$/ },
];

/** Which service issued a key of this shape, when the shape tells; undefined when it does not. */
export function keyFamilyOf(key: string | undefined): KeyFamily | undefined {
  const normalized = key === undefined ? '' : normalizeApiKey(key);
  const found = keyFamilies.find((family) => family.pattern.test(normalized));
  return found && { id: found.id, issuer: found.issuer, shape: found.shape, presets: found.presets };
}
