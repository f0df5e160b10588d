import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeServerVersion, repoRoot, vscodeTestDir } from '../support/installVsCodeServer';

/**
 * What a fresh clone holds: the repository's files, none of its build output.
 * node_modules and the VS Code install are linked rather than reinstalled, as
 * `npm ci` and the first run would produce the same files.
 */
function freshCopy(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-fresh-clone-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  assert.strictEqual(listed.status, 0, listed.stderr);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const source = path.join(repoRoot, file);
    if (fs.existsSync(source)) {
      fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      fs.copyFileSync(source, path.join(copy, file));
    }
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const install = `code-server-${codeServerVersion}`;
  fs.mkdirSync(path.join(copy, '.vscode-test'));
  fs.symlinkSync(path.join(vscodeTestDir, install), path.join(copy, '.vscode-test', install), 'dir');
  return copy;
}

/** Runs `npm start -- --smoke` in `cwd` as a person would type it. */
function npmStartSmoke(cwd: string, devHome: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start', '--', '--smoke'], { cwd, env: { ...process.env, INKWELL_DEV_HOME: devHome } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm start on a fresh clone', function () {
  this.timeout(240_000);
  let copy: string;
  let devHome: string;

  before(() => {
    copy = freshCopy();
    devHome = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-fresh-dev-home-'));
  });
  after(() => {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.rmSync(devHome, { recursive: true, force: true });
  });

  it('builds the launcher itself, then its smoke check sees the workbench answer and Inkwell activate', async () => {
    assert.ok(!fs.existsSync(path.join(copy, 'out')) && !fs.existsSync(path.join(copy, 'dist')), 'the copy already has build output');
    const result = await npmStartSmoke(copy, devHome);
    assert.strictEqual(result.status, 0, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /^smoke passed: VS Code 1\.\d+\.\d+ \(server build\) answered in [\d.]+ s and listed 3 sample documents; Inkwell activated and "Inkwell: Show Log" showed its channel, [\d.]+ s after launch$/m,
    );
    // The smoke uses a throwaway workspace: a developer's own dev workspace is never touched.
    assert.deepStrictEqual(fs.readdirSync(devHome), []);
  });

  it('fails its smoke check with the reason when Inkwell cannot activate', async () => {
    const entry = path.join(copy, 'src', 'extension.ts');
    const source = fs.readFileSync(entry, 'utf8');
    const broken = source.replace(
      /export function activate\([^)]*\)[^{]*\{/,
      (opening) => `${opening}\n  throw new Error('activation broken on purpose');`,
    );
    assert.notStrictEqual(broken, source, 'could not find activate() in src/extension.ts');
    fs.writeFileSync(entry, broken);
    const result = await npmStartSmoke(copy, devHome);
    assert.notStrictEqual(result.status, 0, result.stdout);
    assert.match(result.stderr, /^smoke failed: Activating extension 'inkwell-writing\.inkwell' failed: activation broken on purpose\.?$/m);
    assert.doesNotMatch(result.stdout, /smoke passed/);
  });
});
