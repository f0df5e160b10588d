import * as l10n from '@vscode/l10n';
import { CodeBlockScanner, codeBlocksOf } from '../shared/codeBlockScanner';

/** Markdown a rewrite or translation must carry over exactly as it was. */
export type KeptKind = 'frontMatter' | 'codeBlock' | 'inlineCode' | 'math' | 'link' | 'footnote';

/** One kind of kept Markdown the answer dropped or altered, with how many and which. */
export interface AnswerFinding {
  kind: KeptKind;
  count: number;
  /** The originals, as they were, for the writer to look for. */
  items: string[];
}

/** One kind of kept Markdown with its count, in the display language; built when asked, after the language is set. */
function countOf(kind: KeptKind, count: number): string {
  const one = count === 1;
  switch (kind) {
    case 'frontMatter':
      return one ? l10n.t('1 front matter block') : l10n.t('{0} front matter blocks', count);
    case 'codeBlock':
      return one ? l10n.t('1 code block') : l10n.t('{0} code blocks', count);
    case 'inlineCode':
      return one ? l10n.t('1 inline code span') : l10n.t('{0} inline code spans', count);
    case 'math':
      return one ? l10n.t('1 formula') : l10n.t('{0} formulas', count);
    case 'link':
      return one ? l10n.t('1 link') : l10n.t('{0} links', count);
    case 'footnote':
      return one ? l10n.t('1 footnote reference') : l10n.t('{0} footnote references', count);
  }
}

const order: KeptKind[] = ['frontMatter', 'codeBlock', 'inlineCode', 'math', 'link', 'footnote'];

/** Everything in `markdown` that must survive a rewrite, kind by kind, in order of appearance. */
export function keptMarkdown(markdown: string): Map<KeptKind, string[]> {
  const kept = new Map<KeptKind, string[]>(order.map((kind) => [kind, []]));
  let text = markdown.replace(/\r\n?/g, '\n');
  const front = /^---\n[\s\S]*?\n---(?:\n|$)/.exec(text);
  if (front) {
    kept.get('frontMatter')!.push(front[0].trimEnd());
    text = text.slice(front[0].length);
  }
  kept.get('codeBlock')!.push(...codeBlocksOf(text).map((block) => block.code));
  const prose = proseLines(text).join('\n');
  // Inline code first, so a URL or a dollar sign inside backticks is not counted again.
  const withoutCode = prose.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (span) => (kept.get('inlineCode')!.push(span), ' '));
  const withoutMath = withoutCode.replace(
    /\$\$[\s\S]+?\$\$|(?<![\\$\w])\$(?!\s)[^$\n]+?(?<!\s)\$(?![\w$])/g,
    (formula) => (kept.get('math')!.push(formula), ' '),
  );
  // Link targets, not link texts: a translation rightly changes "see the guide" but never the address it points to.
  const linkPattern =
    /\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*["')])?\s*\)|^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|<((?:https?|mailto):[^>\s]+)>|\b(https?:\/\/[^\s<>()\]]*[^\s<>()\].,;:!?'"])/gm;
  const withoutLinks = withoutMath.replace(linkPattern, (whole, inline?: string, reference?: string, auto?: string, bare?: string) => {
    kept.get('link')!.push(inline ?? reference ?? auto ?? bare ?? whole);
    return ' ';
  });
  for (const match of withoutLinks.matchAll(/\[\^[^\]\s]+\]/g)) kept.get('footnote')!.push(match[0]);
  return kept;
}

/** The lines of `text` outside code blocks. */
function proseLines(text: string): string[] {
  const scanner = new CodeBlockScanner();
  return text.split('\n').filter((line) => scanner.push(line) === 'other');
}

/**
 * What of the original's kept Markdown the answer no longer has, kind by
 * kind: each original item must appear in the answer as often as in the
 * original (as a multiset, so order and surrounding words may change).
 */
export function checkAnswer(original: string, answer: string): AnswerFinding[] {
  const before = keptMarkdown(original);
  const after = keptMarkdown(answer);
  const findings: AnswerFinding[] = [];
  for (const kind of order) {
    const left = new Map<string, number>();
    for (const item of after.get(kind)!) left.set(normalize(kind, item), (left.get(normalize(kind, item)) ?? 0) + 1);
    const missing = before.get(kind)!.filter((item) => {
      const key = normalize(kind, item);
      const count = left.get(key) ?? 0;
      if (count > 0) left.set(key, count - 1);
      return count === 0;
    });
    if (missing.length) findings.push({ kind, count: missing.length, items: missing });
  }
  return findings;
}

/** Code and front matter compare line by line without trailing space, which editors and models trim. */
function normalize(kind: KeptKind, item: string): string {
  return kind === 'codeBlock' || kind === 'frontMatter' ? item.replace(/[ \t]+$/gm, '').replace(/\n+$/, '') : item;
}

/** The findings in words, e.g. "2 links and 1 code block changed or missing". */
export function describeFindings(findings: readonly AnswerFinding[]): string {
  const parts = findings.map((finding) => countOf(finding.kind, finding.count));
  if (parts.length === 0) return '';
  const listed =
    parts.length === 1
      ? parts[0]
      : l10n.t('{0} and {1}', parts.slice(0, -1).join(l10n.t({ message: ', ', comment: ['Between the items of a list'] })), parts.at(-1)!);
  return l10n.t('{0} changed or missing', listed);
}
