/**
 * Finds what looks like a secret in text about to be sent to a model:
 * private keys, cloud and API keys, tokens, passwords in connection strings
 * and `.env` lines. Pure string logic, so it runs in plain Node and is
 * unit-tested on real key formats and on prose that must not trigger it.
 *
 * Each pattern is anchored on a format's fixed prefix or on a label
 * (`AccountKey=`, `PASSWORD=`), never on "long random-looking text": hashes,
 * UUIDs and base64 images are everyday content in writing about software.
 */

export type SecretKind =
  | 'privateKey'
  | 'awsAccessKey'
  | 'awsSecretKey'
  | 'googleApiKey'
  | 'azureKey'
  | 'openaiKey'
  | 'githubToken'
  | 'slackToken'
  | 'stripeKey'
  | 'jwt'
  | 'connectionPassword'
  | 'envSecret';

/** One likely secret: what kind, and where it is (the part that would be removed). */
export interface SecretFinding {
  kind: SecretKind;
  start: number;
  end: number;
}

/** How each kind is named to the user: "The text contains what looks like …". */
export const secretLabels: Record<SecretKind, string> = {
  privateKey: 'a private key',
  awsAccessKey: 'an AWS key',
  awsSecretKey: 'an AWS secret key',
  googleApiKey: 'a Google API key',
  azureKey: 'an Azure connection string key',
  openaiKey: 'an OpenAI API key',
  githubToken: 'a GitHub token',
  slackToken: 'a Slack token',
  stripeKey: 'a Stripe key',
  jwt: 'a JSON Web Token',
  connectionPassword: 'a password in a connection string',
  envSecret: 'a secret in a .env line',
};

interface Pattern {
  kind: SecretKind;
  regex: RegExp;
  /** The capture group that holds the secret itself (0: the whole match). */
  group?: number;
  /** False for a match that is a placeholder, not a secret. */
  accept?: (secret: string) => boolean;
}

/** Values written in docs and samples in place of a real secret. */
function isPlaceholder(value: string): boolean {
  if (/x{4,}|\.{3}|…|\*{3,}|your|example|sample|placeholder|dummy|redacted|changeme|replace|insert|<|>|\$\{|\{\{|%[A-Z_]+%/i.test(value))
    return true;
  return new Set(value.toLowerCase()).size < 5;
}

const realValue = (value: string): boolean => !isPlaceholder(value);
/** A secret value: not a placeholder, not a plain number or word such as `true`. */
const secretValue = (value: string): boolean =>
  realValue(value) && !/^\d+$/.test(value) && !/^(?:true|false|null|none|undefined|required|optional)$/i.test(value);

const tokenEnd = '(?![A-Za-z0-9_-])';

const patterns: Pattern[] = [
  {
    kind: 'privateKey',
    // A missing END line (a key cut off when pasted) still counts: the body is the secret.
    regex: /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|(?=\r?\n[ \t]*\r?\n)|$)/g,
    accept: (key) => (key.replace(/-----[^-]+-----/g, '').match(/[A-Za-z0-9+/=]/g) ?? []).length >= 64,
  },
  {
    kind: 'awsAccessKey',
    regex: new RegExp(`(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}(?![A-Za-z0-9])`, 'g'),
    accept: (key) => !key.endsWith('EXAMPLE'),
  },
  {
    kind: 'awsSecretKey',
    regex: /(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    accept: (key) => realValue(key) && !key.includes('EXAMPLEKEY'),
  },
  { kind: 'googleApiKey', regex: new RegExp(`(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}${tokenEnd}`, 'g'), accept: realValue },
  {
    kind: 'azureKey',
    regex: /(?:AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*([A-Za-z0-9+/=%&:-]{20,})/g,
    group: 1,
    accept: realValue,
  },
  {
    kind: 'openaiKey',
    regex: new RegExp(`(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-(?:api\\d+-)?)?[A-Za-z0-9_-]{20,}${tokenEnd}`, 'g'),
    accept: (key) => realValue(key) && /\d/.test(key) && /[A-Za-z]/.test(key.slice(3)),
  },
  {
    kind: 'githubToken',
    regex: new RegExp(`(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})${tokenEnd}`, 'g'),
    accept: realValue,
  },
  {
    kind: 'slackToken',
    regex: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,}/g,
    accept: realValue,
  },
  {
    kind: 'stripeKey',
    regex: new RegExp(
      `(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}${tokenEnd}|(?<![A-Za-z0-9_])whsec_[A-Za-z0-9]{24,}${tokenEnd}`,
      'g',
    ),
    accept: realValue,
  },
  {
    kind: 'jwt',
    regex: new RegExp(`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}${tokenEnd}`, 'g'),
  },
  {
    kind: 'connectionPassword',
    // scheme://user:password@host; only the password is the secret.
    regex: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"<>]+:([^\s/@'"<>]+)@[^\s/@'"<>]/gi,
    group: 1,
    accept: (password) => realValue(password) && !/^(?:pass(?:word)?|passwd|pwd|secret|\$[A-Za-z_]+)$/i.test(password),
  },
  {
    kind: 'envSecret',
    // Upper-case names, as environment variables are written: `max_tokens=max_tokens` in code is not one.
    regex:
      /^[ \t]*(?:export[ \t]+)?[A-Z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)[A-Z0-9_]*[ \t]*=[ \t]*(["']?)([^\s"'#(),;[\]{}]{8,})\1[ \t]*(?:#.*)?$/gm,
    group: 2,
    accept: secretValue,
  },
];

/** base64 payloads of data URIs (inline images): long random text that is content, not a key. */
const dataUri = /data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=\s]+/gi;

/** Every likely secret in `text`, in order, without overlaps. */
export function findSecrets(text: string): SecretFinding[] {
  const skipped = [...text.matchAll(dataUri)].map((match) => [match.index, match.index + match[0].length] as const);
  const found: SecretFinding[] = [];
  for (const { kind, regex, group = 0, accept } of patterns) {
    for (const match of text.matchAll(regex)) {
      const secret = match[group];
      if (!secret || (accept && !accept(secret))) continue;
      const start = match.index + (group === 0 ? 0 : match[0].lastIndexOf(secret));
      const end = start + secret.length;
      if (skipped.some(([from, to]) => start < to && end > from)) continue;
      found.push({ kind, start, end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // A finding inside another (a key inside a .env line, a JWT inside a connection string) is reported once.
  return found.filter((finding, index) => !found.slice(0, index).some((earlier) => finding.start < earlier.end));
}

/** The placeholder that replaces a removed secret, so the model still sees that something was there. */
export function secretPlaceholder(kind: SecretKind): string {
  return `[removed: ${secretLabels[kind].replace(/^an? /, '')}]`;
}

/** `text` with each finding replaced by its placeholder. */
export function removeSecrets(text: string, findings: readonly SecretFinding[]): string {
  let result = '';
  let at = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    result += text.slice(at, finding.start) + secretPlaceholder(finding.kind);
    at = finding.end;
  }
  return result + text.slice(at);
}

/** "an AWS key", "an AWS key and a GitHub token", "a private key, a Slack token and a JSON Web Token". */
export function describeSecrets(kinds: readonly SecretKind[]): string {
  const labels = [...new Set(kinds)].map((kind) => secretLabels[kind]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
