import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeBlock } from '../../src/shared/codeBlockScanner';
import { createMarkdownParser } from '../../src/webview/markdownParser';

/** Named Markdown snippets: fences, indented code, containers, tables, CRLF, Chinese, HTML-ish text. */
export const codeBlockCorpus: { name: string; markdown: string }[] = JSON.parse(
  readFileSync(path.join(__dirname, '../../../test/fixtures/codeBlockCorpus.json'), 'utf8'),
);

const parser = createMarkdownParser();

/** The code blocks as the webview's markdown-it renders and numbers them. */
export function markdownItCodeBlocks(markdown: string): CodeBlock[] {
  return parser
    .parse(markdown, {})
    .filter((token) => token.type === 'fence' || token.type === 'code_block')
    .map((token) => ({ code: token.content, language: token.info.trim().split(/\s+/)[0] ?? '' }));
}
