import type MarkdownIt from 'markdown-it';

/**
 * Where a linkified URL must end although linkify-it would go on: quotes,
 * angle brackets and backticks belong to the markup around a URL (`'…')">`
 * in hostile HTML shown as text), never to the URL. linkify-it keeps a
 * balanced `'…'` pair inside a URL, so `alert('https://a.example/x')"></b>')`
 * became one link to `x')"></b>'`. A `'` inside a word (`Don't`) stays.
 */
const markupBoundary = /["<>`]|'(?![\p{L}\p{N}])/u;

/** Makes the parser's linkify stop at `markupBoundary`; the text after the cut stays plain text. */
export function endLinksAtMarkup(parser: MarkdownIt): void {
  const linkify = parser.linkify;
  const trim = (match: ReturnType<typeof linkify.matchAtStart>): typeof match => {
    if (!match) return match;
    const cut = match.raw.search(markupBoundary);
    if (cut <= 0) return match;
    const dropped = match.raw.length - cut;
    match.raw = match.raw.slice(0, cut);
    match.text = match.text.slice(0, match.text.length - dropped);
    match.url = match.url.slice(0, match.url.length - dropped);
    match.lastIndex -= dropped;
    return match;
  };
  const match = linkify.match.bind(linkify);
  const matchAtStart = linkify.matchAtStart.bind(linkify);
  linkify.match = (text) => match(text)?.map((found) => trim(found)!) ?? null;
  linkify.matchAtStart = (text) => trim(matchAtStart(text));
}
