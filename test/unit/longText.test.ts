import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { mapWithConcurrency } from '../../src/generation/concurrency';
import { splitText } from '../../src/generation/textSplitter';
import { estimateTokens } from '../../src/generation/tokenEstimate';

const chineseArticle = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/zh-article.md'), 'utf8');

describe('Token estimates', () => {
  it('count a Chinese character as about one token and English as about four characters a token', () => {
    assert.ok(Math.abs(estimateTokens('这是一个测试句子') - 9) <= 1);
    assert.ok(Math.abs(estimateTokens('This is a simple English sentence for testing.') - 13) <= 2);
  });
});

describe('Splitting a long text', () => {
  it('keeps every character: the parts join back into the text', () => {
    const text = chineseArticle.repeat(5);
    const parts = splitText(text, 800);
    assert.ok(parts.length > 5);
    assert.strictEqual(parts.join(''), text);
  });

  it('makes every part fit the budget', () => {
    const text = chineseArticle.repeat(3) + 'An English sentence goes here. '.repeat(2000);
    for (const part of splitText(text, 500)) assert.ok(estimateTokens(part) <= 500, `a part of ${estimateTokens(part)} tokens`);
  });

  it('cuts at headings first', () => {
    const section = (n: number) => `## Section ${n}\n\n${'Words and more words. '.repeat(40)}\n\n`;
    const text = section(1) + section(2) + section(3);
    const parts = splitText(text, estimateTokens(section(1)) + 5);
    assert.deepStrictEqual(parts, [section(1), section(2), section(3)]);
  });

  it('never cuts inside a fenced code block at a heading or blank line', () => {
    const code = '```md\n# not a heading\n\nstill code\n```\n';
    const text = `${'Intro sentence. '.repeat(30)}\n\n${code}\n${'Outro sentence. '.repeat(30)}`;
    const parts = splitText(text, estimateTokens(code) + estimateTokens('Intro sentence. '.repeat(30)) + 10);
    assert.ok(
      parts.some((part) => part.includes(code)),
      JSON.stringify(parts.map((p) => p.slice(0, 30))),
    );
  });

  it('cuts a long Chinese paragraph at Chinese sentence ends', () => {
    const sentence = '这是一个很长的句子，用来测试中文的断句功能。';
    const text = sentence.repeat(100);
    const parts = splitText(text, 60);
    assert.strictEqual(parts.join(''), text);
    for (const part of parts) assert.ok(part.endsWith('。'), part);
  });
});

describe('Running work with a concurrency limit', () => {
  it('never runs more than the limit at once and keeps results in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 6, 1], 3, async (value) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, value * 3));
      running--;
      return value * 10;
    });
    assert.deepStrictEqual(results, [50, 10, 40, 20, 30, 60, 10]);
    assert.strictEqual(peak, 3);
  });

  it('stops starting new work after a failure and rethrows it', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapWithConcurrency([1, 2, 3, 4, 5], 1, async (value) => {
        started.push(value);
        if (value === 2) throw new Error('part 2 failed');
        return value;
      }),
      /part 2 failed/,
    );
    assert.deepStrictEqual(started, [1, 2]);
  });
});
