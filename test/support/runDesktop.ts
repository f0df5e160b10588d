import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IntegrationResults } from '../integration/index';
import { repoRoot } from './installVsCodeServer';

/**
 * `npm run test:desktop`: the same integration tests in desktop VS Code via
 * @vscode/test-electron, for machines that can download it. This one cannot
 * (no route to VS Code's update servers); `npm run test:integration` runs the
 * same index in VS Code's server build instead.
 */

const vscodeVersion = '1.100.3';
const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

async function runPass(name: string, trustWorkspace: boolean): Promise<IntegrationResults | undefined> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-desktop-'));
  const workspace = path.join(scratch, 'workspace');
  const resultsFile = path.join(scratch, 'results.json');
  fs.mkdirSync(workspace);
  try {
    await runTests({
      version: vscodeVersion,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', ...(trustWorkspace ? ['--disable-workspace-trust'] : [])],
      extensionTestsEnv: {
        INKWELL_TEST_RESULTS: resultsFile,
        INKWELL_TEST_HOST: 'desktop',
        INKWELL_TEST_RESTRICTED: trustWorkspace ? '0' : '1',
      },
    }).catch((error: unknown) => {
      // Desktop VS Code exits non-zero when run() rejects; the results file says why.
      if (!fs.existsSync(resultsFile)) {
        throw error;
      }
    });
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as IntegrationResults;
    for (const failure of results.failures) {
      console.log(`\n  FAILED (${name}) ${failure.title}\n    ${failure.error.split('\n').join('\n    ')}`);
    }
    console.log(`${name} pass: ${results.passed} passed, ${results.failed} failed, ${results.pending} pending`);
    return results;
  } catch (error) {
    console.error(`${name} pass: desktop VS Code ${vscodeVersion} did not run: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Where VS Code cannot be downloaded, use `npm run test:integration` (VS Code server build).');
    return undefined;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const [name, trusted] of [
    ['trusted', true],
    ['restricted', false],
  ] as const) {
    const results = await runPass(name, trusted);
    passed += results?.passed ?? 0;
    failed += results ? results.failed : 1;
    if (!results) {
      break;
    }
  }
  console.log(`desktop: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
