import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { IntegrationResults } from '../integration/index';
import { ensureVsCodeServer, repoRoot } from './installVsCodeServer';
import { testLanguageModelFolder } from './testLanguageModel';
import { startVsCodeHost } from './vscodeHost';

/**
 * `npm run test:integration`: runs out/test/integration/**\/*.test.js inside
 * VS Code's server build, then the `*.restricted.test.js` files again in a
 * window without workspace trust. Ends on `integration: N passed, N failed`.
 */

const integrationDir = path.join(repoRoot, 'out', 'test', 'integration');
// A guard against a hung host, not a budget: the suite runs beside the UI suite on a two-core machine.
const resultsTimeoutMs = 20 * 60_000;
// How the web workbench reports a dead extension host in the page console.
const crashPattern = /extension host .*terminated unexpectedly|extension host .*crashed/i;
// How the server reports any end of the extension host, e.g. `code: null, signal: SIGKILL`.
const hostExitPattern = /Extension Host Process exited with code: (\S+), signal: (\w+)/;
// The test index writes its results before the extension host ends; this is slack for the file system.
const resultsGraceMs = 3000;

interface Pass {
  name: string;
  trustWorkspace: boolean;
}

function hasRestrictedTests(dir: string): boolean {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .some((entry) => (entry.isDirectory() ? hasRestrictedTests(path.join(dir, entry.name)) : entry.name.endsWith('.restricted.test.js')));
}

async function waitForResults(resultsFile: string, failure: Promise<string>): Promise<IntegrationResults> {
  let failed: string | undefined;
  void failure.then((reason) => (failed = reason));
  const deadline = Date.now() + resultsTimeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(resultsFile)) {
      return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as IntegrationResults;
    }
    if (failed) {
      throw new Error(failed);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no results after ${resultsTimeoutMs / 60_000} minutes`);
}

/** A port free right now on loopback, for a test server the extension must know about before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The Restricted Mode pass opens a folder that is already a hostile clone:
 * its `.vscode/settings.json` sets every `inkwell.*` setting before VS Code
 * starts, as a cloned repository's would.
 */
const hostileWorkspaceSettings = path.join(repoRoot, 'test', 'fixtures', 'hostileWorkspaceSettings.json');

function restrictedWorkspace(resultsDir: string): string {
  const folder = path.join(resultsDir, 'workspace');
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.copyFileSync(hostileWorkspaceSettings, path.join(folder, '.vscode', 'settings.json'));
  return folder;
}

async function runPass(pass: Pass): Promise<IntegrationResults> {
  const started = Date.now();
  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-results-'));
  const resultsFile = path.join(resultsDir, 'results.json');
  const removeResults = (): void => fs.rmSync(resultsDir, { recursive: true, force: true });
  process.on('exit', removeResults);
  let reportCrash: (reason: string) => void = () => undefined;
  const crashed = new Promise<string>((resolve) => (reportCrash = resolve));
  const host = await startVsCodeHost({
    label: `integration-${pass.name}`,
    extensionTestsPath: path.join(integrationDir, 'index.js'),
    trustWorkspace: pass.trustWorkspace,
    // Nothing here looks at the screen.
    stillWorkbench: true,
    // Registers its model only when a test asks, so the other suites still see none.
    extensionFolders: [testLanguageModelFolder],
    ...(pass.trustWorkspace ? {} : { workspaceFolder: restrictedWorkspace(resultsDir) }),
    env: {
      INKWELL_TEST_RESULTS: resultsFile,
      INKWELL_TEST_HOST: 'server',
      INKWELL_TEST_RESTRICTED: pass.trustWorkspace ? '0' : '1',
      // Where "Find Local Models" looks instead of Ollama's and LM Studio's own ports; the tests start servers there.
      INKWELL_TEST_LOCAL_SERVERS: `ollama=http://127.0.0.1:${await freePort()},lmstudio=http://127.0.0.1:${await freePort()}`,
    },
    onConsoleMessage: (text) => {
      if (crashPattern.test(text)) {
        reportCrash(`the extension host crashed: ${text}`);
      }
    },
    // The page console says nothing when the extension host is killed; the server does.
    onLog: (line) => {
      const exit = hostExitPattern.exec(line);
      if (exit) {
        setTimeout(() => {
          if (!fs.existsSync(resultsFile)) {
            reportCrash(`the extension host exited (code ${exit[1]}, signal ${exit[2]}) without writing results`);
          }
        }, resultsGraceMs);
      }
    },
  });
  try {
    const serverGone = host.exited.then((how) => `the VS Code server exited (${how})`);
    const results = await waitForResults(resultsFile, Promise.race([crashed, serverGone]));
    const startup = ((results.startedAt - started) / 1000).toFixed(1);
    console.log(
      `${pass.name} pass: VS Code ${results.vscodeVersion}, tests started ${startup} s after launch, ran in ${(results.durationMs / 1000).toFixed(1)} s`,
    );
    const slowest = Object.entries(results.secondsByFile)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    if (slowest.length > 1)
      console.log(`${pass.name} pass: slowest files: ${slowest.map(([file, seconds]) => `${file} ${seconds.toFixed(0)} s`).join(', ')}`);
    if (process.env.INKWELL_TEST_TIMINGS === '1') {
      for (const test of results.slowestTests) console.log(`${pass.name} pass: ${(test.ms / 1000).toFixed(1)} s  ${test.title}`);
    }
    return results;
  } catch (error) {
    throw new Error(`${pass.name} pass: ${error instanceof Error ? error.message : String(error)}; log: ${host.logFile}`);
  } finally {
    await host.close();
    removeResults();
    process.off('exit', removeResults);
  }
}

function report(name: string, results: IntegrationResults): void {
  for (const failure of results.failures) {
    console.log(`\n  FAILED (${name}) ${failure.title}\n    ${failure.error.split('\n').join('\n    ')}`);
  }
  console.log(`${name} pass: ${results.passed} passed, ${results.failed} failed, ${results.pending} pending`);
}

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first');
    return 1;
  }
  await ensureVsCodeServer();
  const passes: Pass[] = [{ name: 'trusted', trustWorkspace: true }];
  if (hasRestrictedTests(integrationDir)) {
    passes.push({ name: 'restricted', trustWorkspace: false });
  }
  let passed = 0;
  let failed = 0;
  for (const pass of passes) {
    try {
      const results = await runPass(pass);
      report(pass.name, results);
      passed += results.passed;
      failed += results.failed;
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      failed++;
    }
  }
  console.log(`integration: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);
