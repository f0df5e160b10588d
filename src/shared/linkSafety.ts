import * as l10n from '@vscode/l10n';
/**
 * What Inkwell tells the user before it opens a link from an answer. Pure:
 * WHATWG `URL` only, so it is unit-tested in Node and both sides of the chat
 * could use it.
 */

/** A link from the chat, checked: the exact target that would open, and why it deserves a second look. */
export interface LinkCheck {
  /** `new URL(href).href`: the one string that is shown and opened. */
  target: string;
  /** The target's host as the browser resolves it (odd IPv4 forms already normalised). */
  host: string;
  /** The host the link's text names, when it names one that differs from the target's. */
  textHost?: string;
  /** Loopback, a private network or a `.local` name: VS Code opens those without asking. */
  localNetwork: boolean;
}

/** Undefined for anything that is not an http(s) URL. */
export function checkLink(href: string, text = ''): LinkCheck | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const named = hostNamedBy(text);
  const differs = named !== undefined && withoutWww(named) !== withoutWww(url.hostname);
  return { target: url.href, host: url.hostname, ...(differs ? { textHost: named } : {}), localNetwork: isLocalNetworkHost(url.hostname) };
}

/** What the confirmation dialog says: the full target, query included, and any warning. */
export function linkPrompt(check: LinkCheck): { message: string; detail: string } {
  const warnings: string[] = [];
  if (check.textHost) warnings.push(l10n.t("The link's text names {0}, but it opens {1}.", check.textHost, check.host));
  if (check.localNetwork)
    warnings.push(l10n.t('{0} is on this computer or your local network: opening it sends a request to a service there.', check.host));
  const message =
    warnings.length > 0
      ? l10n.t('Open this link from the answer? It may not be what it seems.')
      : l10n.t('Open this link from the answer?');
  return { message, detail: [check.target, ...warnings].join('\n\n') };
}

/** File names that look like host names; a link text such as `notes.md` names a file, not a site. */
const fileExtensions = new Set([
  'md',
  'txt',
  'js',
  'ts',
  'py',
  'json',
  'html',
  'htm',
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'zip',
  'exe',
  'csv',
  'doc',
  'docx',
  'yaml',
  'yml',
  'sh',
  'css',
]);

/** A host written at the start of a link's text (`example.com/…`, `https://example.com`), as `URL` normalises it. */
export function hostNamedBy(text: string): string | undefined {
  const word = (text.trim().split(/\s+/)[0] ?? '').replace(/[),.;:!?'"\]]+$/, '');
  let candidate: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word)) candidate = word;
  else {
    const bare = /^[^/?#@:\s]+\.(\p{L}{2,})(?=[:/?#]|$)/u.exec(word);
    if (bare && !fileExtensions.has(bare[1].toLowerCase())) candidate = `http://${word}`;
  }
  if (!candidate) return undefined;
  try {
    return new URL(candidate).hostname || undefined;
  } catch {
    return undefined;
  }
}

function withoutWww(host: string): string {
  return host.replace(/\.$/, '').replace(/^www\./, '');
}

/**
 * Loopback, private and link-local addresses and local names. `hostname` is
 * as WHATWG `URL` gives it: IPv4 in dotted decimal whatever form it was
 * written in (`0x7f.1`, `2130706433`), IPv6 in brackets, compressed.
 */
export function isLocalNetworkHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const ipv4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (ipv4) return isLocalIpv4(ipv4.slice(1).map(Number));
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = ipv6Groups(host.slice(1, -1));
    return groups !== undefined && isLocalIpv6(groups);
  }
  return false;
}

function isLocalIpv4([a, b]: number[]): boolean {
  return a === 0 || a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

function isLocalIpv6(groups: number[]): boolean {
  const [first] = groups;
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] <= 1) return true; // :: and ::1
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return true; // fc00::/7 unique local, fe80::/10 link-local
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses reach the IPv4 host.
  if (groups.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
    return isLocalIpv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
  }
  return false;
}

/** Eight 16-bit groups of a serialised IPv6 address (WHATWG writes no dotted tail). */
function ipv6Groups(address: string): number[] | undefined {
  const [head, tail, ...rest] = address.split('::');
  if (rest.length > 0) return undefined;
  const parse = (part: string | undefined): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const start = parse(head);
  const end = parse(tail);
  const zeros = tail === undefined ? 0 : 8 - start.length - end.length;
  const groups = [...start, ...new Array<number>(Math.max(zeros, 0)).fill(0), ...end];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}
