import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { devHome, devPaths, samplesDir, seedWorkspace } from '../support/devWorkspace';
import { repoRoot } from '../support/installVsCodeServer';

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Letters of the CJK Unified Ideographs block, and Latin letters, in a text. */
function scripts(text: string): { han: number; latin: number } {
  return { han: (text.match(/\p{Script=Han}/gu) ?? []).length, latin: (text.match(/[A-Za-z]/g) ?? []).length };
}

describe('The npm start workspace', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-dev-workspace-test-'));
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('lives outside the repository, so VS Code finds no parent git repository to ask about', () => {
    const { workspace, serverData } = devPaths(devHome({}));
    assert.ok(!isInside(repoRoot, workspace), `${workspace} is inside ${repoRoot}`);
    assert.ok(!isInside(repoRoot, serverData), `${serverData} is inside ${repoRoot}`);
    assert.strictEqual(devHome({ INKWELL_DEV_HOME: scratch }), scratch);
  });

  it('is seeded on first run with an English, a Chinese and a mixed sample from the repository', () => {
    const { workspace, seedRecord } = devPaths(scratch);
    const report = seedWorkspace(workspace, seedRecord);
    const names = fs.readdirSync(samplesDir).sort();
    assert.deepStrictEqual(report.copied, names);
    assert.deepStrictEqual(fs.readdirSync(workspace).sort(), names);
    for (const name of names) {
      assert.strictEqual(fs.readFileSync(path.join(workspace, name), 'utf8'), fs.readFileSync(path.join(samplesDir, name), 'utf8'));
    }
    const mix = names.map((name) => scripts(fs.readFileSync(path.join(samplesDir, name), 'utf8')));
    assert.ok(
      mix.some(({ han }) => han === 0),
      'no English-only sample',
    );
    assert.ok(
      mix.some(({ han, latin }) => han > 500 && latin < han / 10),
      'no sample written in Chinese',
    );
    assert.ok(
      mix.some(({ han, latin }) => han > 200 && latin > 500),
      'no sample mixing English and Chinese',
    );
  });

  it('has samples with headings, lists, code blocks and links to try the commands on', () => {
    for (const name of fs.readdirSync(samplesDir)) {
      const text = fs.readFileSync(path.join(samplesDir, name), 'utf8');
      assert.match(text, /^#{1,3} \S/m, `${name} has no heading`);
      assert.match(text, /^(- |\d+\. )\S/m, `${name} has no list`);
      assert.match(text, /^```\w*\n[\s\S]+?\n```$/m, `${name} has no code block`);
      assert.match(text, /\[[^\]]+\]\(https:\/\/[^)]+\)/, `${name} has no link`);
    }
  });

  it('keeps a sample the user edited as the user left it on later runs', () => {
    const { workspace, seedRecord } = devPaths(scratch);
    const [name] = seedWorkspace(workspace, seedRecord).copied;
    const edited = '# My own notes\n\nNothing from the sample is left.\n';
    fs.writeFileSync(path.join(workspace, name), edited);
    const again = seedWorkspace(workspace, seedRecord);
    assert.strictEqual(fs.readFileSync(path.join(workspace, name), 'utf8'), edited);
    assert.deepStrictEqual(again.keptUserChanges, [name]);
    assert.deepStrictEqual(again.copied, []);
  });

  it('does not bring back a sample the user deleted', () => {
    const { workspace, seedRecord } = devPaths(scratch);
    const [name] = seedWorkspace(workspace, seedRecord).copied;
    fs.rmSync(path.join(workspace, name));
    seedWorkspace(workspace, seedRecord);
    assert.ok(!fs.existsSync(path.join(workspace, name)));
  });

  it('never overwrites a file of the same name that was there before the first run', () => {
    const { workspace, seedRecord } = devPaths(scratch);
    const [name] = fs.readdirSync(samplesDir).sort();
    fs.mkdirSync(workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, name), 'Mine.\n');
    const report = seedWorkspace(workspace, seedRecord);
    assert.strictEqual(fs.readFileSync(path.join(workspace, name), 'utf8'), 'Mine.\n');
    assert.ok(report.keptUserChanges.includes(name));
  });

  it('updates an untouched copy when the repository changes the sample, and adds new samples', () => {
    const samples = path.join(scratch, 'samples');
    fs.mkdirSync(samples);
    fs.writeFileSync(path.join(samples, 'a.md'), '# A\n\nFirst version.\n');
    const { workspace, seedRecord } = devPaths(path.join(scratch, 'home'));
    seedWorkspace(workspace, seedRecord, samples);
    fs.writeFileSync(path.join(samples, 'a.md'), '# A\n\nSecond version.\n');
    fs.writeFileSync(path.join(samples, 'b.md'), '# B\n');
    const report = seedWorkspace(workspace, seedRecord, samples);
    assert.deepStrictEqual(report, { copied: ['b.md'], updated: ['a.md'], keptUserChanges: [] });
    assert.strictEqual(fs.readFileSync(path.join(workspace, 'a.md'), 'utf8'), '# A\n\nSecond version.\n');
  });
});
