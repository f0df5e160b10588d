import MarkdownIt from 'markdown-it';

/**
 * The webview's markdown-it configuration. `html: false`: model output is
 * untrusted, raw HTML in it is shown as text. The extension finds the same
 * code blocks without markdown-it, through `src/shared/codeBlockScanner.ts`,
 * which is unit-tested against this configuration.
 */
export function createMarkdownParser(): MarkdownIt {
  return new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
}
