import * as assert from 'assert';
import { checkAnswer, describeFindings, keptMarkdown } from '../../src/pipeline/answerChecks';

const original = [
  '---',
  'title: Tides',
  '---',
  'The moon pulls the sea, as [the guide](https://example.com/tides "Tides") explains[^1].',
  'Run `tide --today` or see <https://example.org/almanac>, or https://example.net/faq.',
  'The height is $h = a \\cos(\\omega t)$ at most.',
  '',
  '```sh',
  'tide --today   ',
  '```',
  '',
  '[^1]: A footnote.',
  '[almanac]: https://example.org/ref',
].join('\n');

describe('Checking a rewrite for the Markdown it must keep', () => {
  it('finds front matter, code, inline code, math, link targets and footnotes, and not link texts', () => {
    const kept = keptMarkdown(original);
    assert.deepStrictEqual(kept.get('frontMatter'), ['---\ntitle: Tides\n---']);
    assert.deepStrictEqual(kept.get('codeBlock'), ['tide --today   \n']);
    assert.deepStrictEqual(kept.get('inlineCode'), ['`tide --today`']);
    assert.deepStrictEqual(kept.get('math'), ['$h = a \\cos(\\omega t)$']);
    assert.deepStrictEqual(kept.get('link'), [
      'https://example.com/tides',
      'https://example.org/almanac',
      'https://example.net/faq',
      'https://example.org/ref',
    ]);
    assert.deepStrictEqual(kept.get('footnote'), ['[^1]', '[^1]']);
  });

  it('finds nothing missing when only the words around them changed, as in a translation', () => {
    const translated = original
      .replace('The moon pulls the sea, as [the guide]', '月亮牵引着海水，正如[指南]')
      .replace('Run', '运行')
      .replace('tide --today   ', 'tide --today');
    assert.deepStrictEqual(checkAnswer(original, translated), []);
  });

  it('names each kind the answer dropped or altered, with how many', () => {
    const answer = original
      .replace('https://example.com/tides', 'https://example.com/tide')
      .replace('https://example.net/faq', 'the FAQ')
      .replace('tide --today   \n', 'tide --now\n')
      .replace('$h = a \\cos(\\omega t)$', 'h = a cos(ωt)');
    const findings = checkAnswer(original, answer);
    assert.deepStrictEqual(
      findings.map((finding) => [finding.kind, finding.count, finding.items]),
      [
        ['codeBlock', 1, ['tide --today   \n']],
        ['math', 1, ['$h = a \\cos(\\omega t)$']],
        ['link', 2, ['https://example.com/tides', 'https://example.net/faq']],
      ],
    );
    assert.strictEqual(describeFindings(findings), '1 code block, 1 formula and 2 links changed or missing');
  });

  it('counts an item the original has twice as missing once when the answer keeps one', () => {
    const findings = checkAnswer('See `a` and `a`.', 'See `a`.');
    assert.deepStrictEqual(findings, [{ kind: 'inlineCode', count: 1, items: ['`a`'] }]);
  });

  it('does not read a dollar amount or a URL inside code as math or a link', () => {
    const kept = keptMarkdown('It costs $5 and $10 today. Use `curl https://example.com`.\n\n```\nhttps://example.org $x$\n```');
    assert.deepStrictEqual(kept.get('math'), []);
    assert.deepStrictEqual(kept.get('link'), []);
  });

  it('says nothing for a plain text', () => {
    assert.strictEqual(describeFindings(checkAnswer('Plain words.', 'Other words.')), '');
  });
});
