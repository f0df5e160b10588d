import MarkdownIt from 'markdown-it';

/**
 * The one markdown-it configuration, used by the webview to render answers
 * and by the extension to find an answer's code blocks, so both count the
 * same blocks. `html: false`: model output is untrusted, raw HTML in it is
 * shown as text.
 */
export function createMarkdownParser(): MarkdownIt {
  return new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
}

/** Token types that render as a code block (fenced and indented); counted in document order. */
export const codeBlockTokenTypes: ReadonlySet<string> = new Set(['fence', 'code_block']);

/** A code block of an answer: its text and the language named on its fence. */
export interface CodeBlock {
  code: string;
  language: string;
}

/** The code blocks of a markdown text, in the order the renderer numbers them. */
export function codeBlocksOf(parser: MarkdownIt, markdown: string): CodeBlock[] {
  return parser
    .parse(markdown, {})
    .filter((token) => codeBlockTokenTypes.has(token.type))
    .map((token) => ({ code: token.content, language: token.info.trim().split(/\s+/)[0] ?? '' }));
}
