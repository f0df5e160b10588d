import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/installVsCodeServer';

/** The first step of `npm test`, run as npm runs it but with the environment given. */
function runChecker(env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'checkTestPrerequisites.js')], {
    env,
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function findOnPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir !== '' && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${command} is not on PATH`);
}

describe('The test prerequisites check', () => {
  let scratch: string;
  /** A PATH holding the real fc-list but no chromium. */
  let pathWithoutChromium: string;
  /** A fontconfig configuration whose only font folder is empty: the real fc-list then finds no Chinese font. */
  let noFontsConfig: string;

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-prerequisites-'));
    pathWithoutChromium = path.join(scratch, 'bin');
    fs.mkdirSync(pathWithoutChromium);
    fs.symlinkSync(findOnPath('fc-list'), path.join(pathWithoutChromium, 'fc-list'));
    fs.mkdirSync(path.join(scratch, 'no-fonts'));
    noFontsConfig = path.join(scratch, 'fonts.conf');
    fs.writeFileSync(
      noFontsConfig,
      `<?xml version="1.0"?>\n<fontconfig><dir>${path.join(scratch, 'no-fonts')}</dir><cachedir>${path.join(scratch, 'cache')}</cachedir></fontconfig>\n`,
    );
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('passes silently on a machine with Chromium and a CJK font', () => {
    const result = runChecker(process.env);
    assert.deepStrictEqual(result, { status: 0, stdout: '', stderr: '' });
  });

  it('stops with one line naming the Chromium install when chromium is not on PATH', () => {
    const result = runChecker({ ...process.env, PATH: pathWithoutChromium });
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.stdout, '');
    assert.match(
      result.stderr,
      /^Inkwell's tests need Chromium and a CJK font; chromium is not on PATH: (sudo )?apt-get install chromium\n$/,
    );
  });

  it('stops with one line naming fonts-noto-cjk when fontconfig finds no Chinese font', () => {
    const result = runChecker({ ...process.env, FONTCONFIG_FILE: noFontsConfig });
    assert.strictEqual(result.status, 1);
    assert.match(
      result.stderr,
      /^Inkwell's tests need Chromium and a CJK font; fc-list :lang=zh finds no font for Chinese: (sudo )?apt-get install fonts-noto-cjk\n$/,
    );
  });

  it('names both packages in one install command when both are missing', () => {
    const result = runChecker({ ...process.env, PATH: pathWithoutChromium, FONTCONFIG_FILE: noFontsConfig });
    assert.strictEqual(result.status, 1);
    assert.strictEqual(result.stderr.split('\n').length, 2, result.stderr);
    assert.match(result.stderr, /: (sudo )?apt-get install chromium fonts-noto-cjk\n$/);
  });

  it("names, in the README's quick start, the same one-line install the check prints", () => {
    const printed = runChecker({ ...process.env, PATH: pathWithoutChromium, FONTCONFIG_FILE: noFontsConfig }).stderr.match(
      /apt-get install [^\n]+/,
    )?.[0];
    assert.ok(printed, 'the check names an install command');
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    // The quick start: the two commands, and the line just above them.
    const quickStart = readme.match(/^([^\n]+)\n\n```sh\nnpm ci && npm start/m);
    assert.ok(quickStart, 'README.md has a quick start with `npm ci && npm start`');
    assert.match(quickStart[1], /^Prerequisites: /);
    assert.ok(quickStart[1].includes(printed), `the line above the two commands names \`${printed}\`: ${quickStart[1]}`);
  });

  it('runs before anything else in npm test', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(manifest.scripts.test, /^node scripts\/checkTestPrerequisites\.js && /);
  });
});
