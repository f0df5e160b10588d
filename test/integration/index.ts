import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';

/** What the test index reports to the harness through `INKWELL_TEST_RESULTS`. */
export interface IntegrationResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  vscodeVersion: string;
  /** True for the pass that runs only `*.restricted.test.js` in Restricted Mode. */
  restricted: boolean;
  /** Epoch ms when the extension host called `run()`, to measure startup. */
  startedAt: number;
  durationMs: number;
  /** Seconds spent per test file, so the run's budget can be watched as suites grow. */
  secondsByFile: Record<string, number>;
  /** The slowest tests, longest first, to find where a file's time goes. */
  slowestTests: { title: string; ms: number }[];
}

const slowestKept = 8;

const restrictedSuffix = '.restricted.test.js';

function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...findTestFiles(full));
    } else if (entry.name.endsWith('.test.js')) {
      found.push(full);
    }
  }
  return found.sort();
}

/** Written whole then renamed, so the harness polling for it never reads half a file. */
function writeResults(results: IntegrationResults): void {
  const target = process.env.INKWELL_TEST_RESULTS;
  if (!target) {
    return;
  }
  fs.writeFileSync(`${target}.tmp`, JSON.stringify(results, undefined, 2));
  fs.renameSync(`${target}.tmp`, target);
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function runMocha(mocha: Mocha, results: IntegrationResults): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve());
      let fileStarted = Date.now();
      runner.on('suite', (suite) => {
        if (suite.parent?.root) fileStarted = Date.now();
      });
      runner.on('suite end', (suite) => {
        if (!suite.parent?.root || !suite.file) return;
        const name = path.basename(suite.file, '.js');
        results.secondsByFile[name] = (results.secondsByFile[name] ?? 0) + (Date.now() - fileStarted) / 1000;
      });
      runner.on('test end', (test) => {
        if (test.duration === undefined) return;
        results.slowestTests.push({ title: test.fullTitle(), ms: test.duration });
        results.slowestTests.sort((a, b) => b.ms - a.ms).splice(slowestKept);
      });
      runner.on('pass', () => results.passed++);
      runner.on('pending', () => results.pending++);
      runner.on('fail', (test, error) => {
        results.failed++;
        results.failures.push({ title: test.fullTitle(), error: errorText(error) });
      });
    } catch (error) {
      reject(error);
    }
  });
}

/**
 * Entry point VS Code calls in the extension host (`extensionTestsPath`).
 * The extension host exits 0 even when this rejects, so the harness reads
 * the results file instead; rejecting still marks failure for hosts that
 * do look at it (desktop VS Code via @vscode/test-electron).
 */
export async function run(): Promise<void> {
  const restricted = process.env.INKWELL_TEST_RESTRICTED === '1';
  const results: IntegrationResults = {
    passed: 0,
    failed: 0,
    pending: 0,
    failures: [],
    vscodeVersion: vscode.version,
    restricted,
    startedAt: Date.now(),
    durationMs: 0,
    secondsByFile: {},
    slowestTests: [],
  };
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, grep: process.env.INKWELL_TEST_GREP || undefined });
  try {
    for (const file of findTestFiles(__dirname)) {
      if (file.endsWith(restrictedSuffix) === restricted) {
        mocha.addFile(file);
      }
    }
    await runMocha(mocha, results);
  } catch (error) {
    // A test file that throws on load never reaches mocha's 'fail' event.
    results.failed++;
    results.failures.push({ title: 'loading the integration tests', error: errorText(error) });
  }
  results.durationMs = Date.now() - results.startedAt;
  writeResults(results);
  if (results.failed > 0) {
    throw new Error(`${results.failed} integration test(s) failed`);
  }
}
