import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { checkAnswer, describeFindings } from '../../src/pipeline/answerChecks';
import { classifyError } from '../../src/generation/errors';
import { repoRoot } from '../support/installVsCodeServer';

/** A message, or (when the code gave translators a comment) the message with its comment. */
type Bundle = Record<string, string | { message: string; comment: string[] }>;

const readBundle = (name: string): Bundle => JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', name), 'utf8')) as Bundle;
const english = readBundle('bundle.l10n.json');
const chinese = readBundle('bundle.l10n.zh-cn.json') as Record<string, string>;
const englishText = (key: string) => {
  const entry = english[key];
  return typeof entry === 'string' ? entry : (entry?.message ?? '');
};

/** A socket that closed before any answer: the generation service's "network" failure. */
const droppedConnection = () =>
  classifyError(new Error('socket hang up'), { baseUrl: 'http://127.0.0.1:9/v1', model: 'm', idleTimeoutSeconds: 30, keySent: false });

const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
const han = '\\u3400-\\u9fff\\uf900-\\ufaff';
/** ASCII sentence punctuation touching a Chinese character: Chinese strings take full-width marks there. */
const halfWidthNextToChinese = new RegExp(`[${han}][,.;:?!()]|[,.;:?!()][${han}]`);

describe('The runtime strings in English and Simplified Chinese', () => {
  it('bundle.l10n.json is what the export finds in the code, so no string used is missing from it', function () {
    this.timeout(60_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-l10n-'));
    try {
      const cli = path.join(repoRoot, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'export', '--outDir', out, path.join(repoRoot, 'src')], { stdio: 'pipe' });
      const exported = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Bundle;
      assert.deepStrictEqual(
        Object.keys(english).sort(),
        Object.keys(exported).sort(),
        'l10n/bundle.l10n.json is out of date: run `npm run l10n`',
      );
      assert.deepStrictEqual(english, exported, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('the Chinese bundle has every key of the English one and no key the code no longer uses', () => {
    const keys = new Set(Object.keys(english));
    assert.deepStrictEqual(
      Object.keys(english).filter((key) => !(key in chinese)),
      [],
      'keys missing from l10n/bundle.l10n.zh-cn.json',
    );
    assert.deepStrictEqual(
      Object.keys(chinese).filter((key) => !keys.has(key)),
      [],
      'keys in l10n/bundle.l10n.zh-cn.json that no code uses',
    );
  });

  it('every Chinese string has the same {0} placeholders as its English one and is not left in English', () => {
    for (const [key, text] of Object.entries(chinese)) {
      assert.deepStrictEqual(placeholders(text), placeholders(englishText(key)), `placeholders differ for ${JSON.stringify(key)}`);
      const words = englishText(key).replace(/\{\d+\}|inkwell\.[\w.]+|Inkwell|\$\([\w~-]+\)/g, '');
      if (/[a-z]{3,} [a-z]{3,}/i.test(words)) assert.notStrictEqual(text, englishText(key), `${JSON.stringify(key)} is not translated`);
    }
  });

  it('Chinese strings use full-width punctuation next to Chinese text', () => {
    const offending = Object.entries(chinese).filter(([, text]) => halfWidthNextToChinese.test(text));
    assert.deepStrictEqual(
      offending.map(([key, text]) => `${key} → ${text}`),
      [],
    );
  });

  it('the punctuation check itself catches a half-width comma or full stop beside Chinese', () => {
    assert.ok(halfWidthNextToChinese.test('已取消.'));
    assert.ok(halfWidthNextToChinese.test('请重试,或换一个模型'));
    assert.ok(!halfWidthNextToChinese.test('请检查 inkwell.baseUrl。'));
    assert.ok(!halfWidthNextToChinese.test('Inkwell: 已取消。'));
  });

  describe('with the Chinese bundle loaded, as VS Code loads it for a zh-cn display language', () => {
    before(() => l10n.config({ contents: chinese }));
    after(() => l10n.config({ contents: {} }));

    it('an error from the generation service comes out in Chinese, with its details filled in', () => {
      const error = droppedConnection();
      assert.strictEqual(error.category, 'network');
      assert.strictEqual(
        error.message,
        '尚未收到任何回答，与 http://127.0.0.1:9 的连接就已中断。请重试；如果问题持续存在，请检查服务器是否在运行。',
      );
    });

    it('the answer check names what a proposal dropped in Chinese', () => {
      const findings = checkAnswer('See [the guide](https://example.com) and `npm test`.\n\n```js\nx()\n```', '请参阅指南。');
      assert.strictEqual(describeFindings(findings), '1 个代码块、1 处行内代码和 1 个链接被改动或丢失');
    });
  });

  it('without a bundle the same error stays in English', () => {
    const error = droppedConnection();
    assert.match(error.message, /^The connection to http:\/\/127\.0\.0\.1:9 dropped before any answer arrived\./);
  });
});
