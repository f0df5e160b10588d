import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/installVsCodeServer';
import { halfWidthPunctuation, nlsProblems, readManifest, readNls, readRawManifest } from '../support/manifestStrings';

interface Walkthroughs {
  contributes: { walkthroughs: Array<{ steps: Array<{ id: string; media: { markdown?: string } }> }> };
}

describe('The manifest in English and Simplified Chinese', () => {
  it('has every %key% of package.json in both nls files, no unused key, and the same keys in each', () => {
    assert.deepStrictEqual(nlsProblems(readRawManifest(), readNls('en'), readNls('zh-cn')), []);
  });

  it('leaves no user-visible string literal in package.json and no key without Chinese', () => {
    const check = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'externalizeManifestStrings.js'), '--check'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    assert.strictEqual(check.status, 0, `run node scripts/externalizeManifestStrings.js, then translate:\n${check.stderr}`);
  });

  it('points each walkthrough step at Markdown that exists, in both languages', () => {
    for (const language of ['en', 'zh-cn'] as const) {
      for (const step of readManifest<Walkthroughs>(language).contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps)) {
        const markdown = step.media.markdown;
        if (markdown) assert.ok(fs.existsSync(path.join(repoRoot, markdown)), `${language} ${step.id}: ${markdown} does not exist`);
      }
    }
  });

  it('writes the walkthrough Markdown in Chinese with full-width punctuation', () => {
    const folder = path.join(repoRoot, 'media', 'walkthrough', 'zh-cn');
    for (const file of fs.readdirSync(folder)) {
      const text = fs.readFileSync(path.join(folder, file), 'utf8');
      assert.match(text, /\p{Script=Han}/u, file);
      assert.deepStrictEqual(halfWidthPunctuation(text), [], file);
    }
  });

  it('names a missing key, an unused key, keys in one file only, ASCII punctuation beside Chinese and an altered placeholder or code span', () => {
    const manifest = { contributes: { commands: [{ title: '%command.a.title%' }, { title: '%command.b.title%' }] } };
    const english = { 'command.a.title': 'Use {0} with `inkwell.output`', 'command.b.title': 'B', 'command.old.title': 'Old' };
    const chinese = { 'command.a.title': '使用{1},并设置 `inkwell.outputs`' };
    assert.deepStrictEqual(nlsProblems(manifest, english, chinese), [
      '%command.b.title% in package.json is missing from package.nls.zh-cn.json',
      'command.old.title in package.nls.json is not used in package.json',
      'command.b.title is in package.nls.json only',
      'command.old.title is in package.nls.json only',
      'command.a.title: half-width punctuation beside Chinese text: ,并',
      'command.a.title: the Chinese has ["`inkwell.outputs`","{1}"], the English ["`inkwell.output`","{0}"]',
    ]);
  });

  it('accepts half-width punctuation inside code, links and URLs, and between Latin words', () => {
    assert.deepStrictEqual(
      halfWidthPunctuation('填写 `a.b:c`，见 [设置](command:inkwell.setApiKey) 和 https://例子.com/x?y 以及 settings.json。'),
      [],
    );
    assert.deepStrictEqual(halfWidthPunctuation('默认:关闭(推荐).'), ['认:', '闭(', '荐)']);
  });
});
