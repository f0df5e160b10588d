#!/usr/bin/env node
// Runs the integration and the UI suites at the same time, each in its own
// VS Code server and browser: most of their time is spent waiting on timeouts,
// streams and the workbench, so together they take little longer than the
// longer one alone. Each line is prefixed with its suite; the exit code is
// non-zero when either fails.
const { spawn } = require('child_process');

const suites = [
  ['integration', ['run', 'test:integration']],
  ['ui', ['run', 'test:ui']],
];

function run([name, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (data) => {
        const lines = (rest + data.toString()).split('\n');
        rest = lines.pop();
        for (const line of lines) console.log(`[${name}] ${line}`);
      });
      stream.on('end', () => rest && console.log(`[${name}] ${rest}`));
    }
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(`[${name}] ${code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      resolve(code === 0);
    });
  });
}

Promise.all(suites.map(run)).then((results) => process.exit(results.every(Boolean) ? 0 : 1));
