import * as assert from 'assert';
import * as fs from 'fs';
import { codeBlocksOf } from '../../src/shared/codeBlockScanner';
import { createMarkdownParser } from '../../src/webview/markdownParser';
import { pathologicalAnswers } from '../support/pathologicalAnswers';

/**
 * Answers that made markdown-it's linkify backtrack (CVE-2026-2327, fixed in
 * 14.1.1): a URL followed by tens of thousands of `*`. 14.1.0 spent seconds on
 * each, in the webview on every render and in the extension host on every
 * code-block button. Their time is measured by `npm run bench`; here they
 * must parse and render to the right result, within mocha's usual timeout.
 */
/** The markdown-it release that stopped linkify's backtracking. */
const firstFixedMarkdownIt = [14, 1, 1];

function installedMarkdownItVersion(): string {
  // The package the bundles are built from: node_modules/markdown-it/package.json.
  return (JSON.parse(fs.readFileSync(require.resolve('markdown-it/package.json'), 'utf8')) as { version: string }).version;
}

/** Whether dotted version `a` is at least `b`, part by part. */
function atLeast(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
  }
  return true;
}

describe('Pathological model answers', () => {
  const parser = createMarkdownParser();

  it('runs on markdown-it 14.1.1 or later, the release that fixed CVE-2026-2327', () => {
    const version = installedMarkdownItVersion();
    assert.match(version, /^\d+\.\d+\.\d+/);
    assert.ok(
      atLeast(
        version.split('.').map((part) => parseInt(part, 10)),
        firstFixedMarkdownIt,
      ),
      `markdown-it ${version} is installed`,
    );
  });

  for (const answer of pathologicalAnswers) {
    it(`renders ${answer.label} as one link and the rest as text`, () => {
      const html = parser.render(answer.text);
      const links = [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)];
      assert.strictEqual(links.length, 1, 'one link');
      assert.strictEqual(links[0][1], answer.link, 'the link goes where the URL says');
      assert.strictEqual(links[0][2], answer.link, 'its text is the URL');
      const stars = html.replace(/<[^>]+>/g, '').replace(answer.link, '');
      assert.strictEqual(stars.trim(), answer.text.slice(answer.link.length), 'every other character is kept as text');
      assert.deepStrictEqual(codeBlocksOf(answer.text), [], 'no code blocks');
    });
  }
});
