import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/installVsCodeServer';

/**
 * esbuild.js run on a copy of the sources, so the test never rewrites the
 * repository's dist/ that the integration tests load.
 */
describe('The build script', function () {
  this.timeout(60_000);
  let copy: string;

  beforeEach(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-build-test-'));
    for (const entry of ['esbuild.js', 'tsconfig.json', 'package.json', 'src']) {
      fs.cpSync(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  });
  afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

  function build(...args: string[]) {
    return spawnSync(process.execPath, ['esbuild.js', ...args], { cwd: copy, encoding: 'utf8', timeout: 50_000 });
  }

  it('prints nothing on a successful one-off build and writes every bundle', () => {
    const result = build();
    assert.strictEqual(result.status, 0, result.stderr);
    assert.strictEqual(result.stdout, '');
    assert.strictEqual(result.stderr, '');
    for (const bundle of ['extension.js', 'webview.js', 'tokenizer.js']) {
      assert.ok(fs.existsSync(path.join(copy, 'dist', bundle)), `dist/${bundle} missing`);
    }
  });

  it('prints a one-off build error with its file and line, without watch lines or a stack trace, and exits 1', () => {
    fs.appendFileSync(path.join(copy, 'src', 'extension.ts'), '\nconst = ;\n');
    const result = build('--production');
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.stdout, '');
    assert.match(result.stderr, /^✘ \[ERROR\] Expected identifier but found "="\n {4}src\/extension\.ts:\d+:\d+:\n$/);
  });

  it('prints the problem matcher lines once per bundle in watch mode', async () => {
    const watcher = spawn(process.execPath, ['esbuild.js', '--watch'], { cwd: copy });
    let stdout = '';
    try {
      await new Promise<void>((resolve, reject) => {
        watcher.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if ((stdout.match(/\[watch\] build finished/g) ?? []).length === 3) resolve();
        });
        watcher.on('exit', (code) => reject(new Error(`watch exited with ${code}: ${stdout}`)));
      });
    } finally {
      watcher.kill();
    }
    assert.strictEqual((stdout.match(/\[watch\] build started/g) ?? []).length, 3, stdout);
  });
});
