import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The VS Code server build comes from the `code-server` npm package: desktop
 * VS Code cannot be downloaded here. 4.100.3 (VS Code 1.100.3) is the newest
 * release whose engines accept Node 20.
 */
export const codeServerVersion = '4.100.3';

/** The repository root, found from this file's place in `out/test/support/`. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Git-ignored cache shared by every run on this machine. */
export const vscodeTestDir = path.join(repoRoot, '.vscode-test');

const installDir = path.join(vscodeTestDir, `code-server-${codeServerVersion}`);
const markerFile = path.join(installDir, '.installed');
const vscodeDirIn = (root: string): string => path.join(root, 'node_modules', 'code-server', 'lib', 'vscode');

/** Path of the server entry point once installed. */
export const serverMainPath = path.join(vscodeDirIn(installDir), 'out', 'server-main.js');

function log(message: string): void {
  console.log(`[vscode-server] ${message}`);
}

function npm(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout is kept quiet; npm's errors still reach stderr.
    const child = spawn('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm ${args.join(' ')} in ${cwd} exited with ${code}`))));
  });
}

/** Debian's `rg`, when present, stands in for the one @vscode/ripgrep would download. */
function provideRipgrep(vscodeDir: string): void {
  const debianRg = '/usr/bin/rg';
  const target = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (!fs.existsSync(debianRg) || !fs.existsSync(path.dirname(path.dirname(target)))) {
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(debianRg, target);
  fs.chmodSync(target, 0o755);
}

const spdlogBinding = (vscodeDir: string): string =>
  path.join(vscodeDir, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node');

/**
 * Every log and output channel of the extension host is written through
 * @vscode/spdlog, a native module that --ignore-scripts leaves unbuilt:
 * without it each channel, Inkwell's log included, stays empty. It compiles
 * offline in about 20 s against the headers of the running Node, when the
 * machine has a C++ compiler; otherwise the run goes on with empty logs.
 */
async function buildSpdlog(vscodeDir: string): Promise<void> {
  if (fs.existsSync(spdlogBinding(vscodeDir))) {
    return;
  }
  const nodeDir = path.resolve(process.execPath, '..', '..');
  if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) {
    log(`no Node headers under ${nodeDir}: output channels in the test host will stay empty`);
    return;
  }
  log('building @vscode/spdlog, which writes the output channels (about 20 s)');
  try {
    await npm(['rebuild', '@vscode/spdlog', `--nodedir=${nodeDir}`], vscodeDir);
  } catch (error) {
    log(
      `could not build @vscode/spdlog (${error instanceof Error ? error.message : String(error)}): output channels in the test host will stay empty. Install g++, make and python3 to get them.`,
    );
  }
}

async function installInto(stagingDir: string): Promise<void> {
  fs.mkdirSync(stagingDir, { recursive: true });
  // --ignore-scripts: the package's postinstall would run an npm install that
  // downloads ripgrep from GitHub and compiles kerberos; neither works here.
  log(`npm install code-server@${codeServerVersion} (about 10 s)`);
  await npm(['install', '--prefix', stagingDir, `code-server@${codeServerVersion}`, '--ignore-scripts'], stagingDir);

  const vscodeDir = vscodeDirIn(stagingDir);
  log('installing lib/vscode dependencies');
  await npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  // The server loads its modules through `node_modules.asar`, as the skipped postinstall would link it.
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));

  log('installing built-in extension dependencies');
  await npm(['install', '--omit=dev', '--ignore-scripts'], path.join(vscodeDir, 'extensions'));
  provideRipgrep(vscodeDir);
  await buildSpdlog(vscodeDir);
}

/**
 * Installs the VS Code server build once into `.vscode-test/` and returns the
 * path of its `out/server-main.js`. Later calls find the marker and return at once.
 */
export async function ensureVsCodeServer(): Promise<string> {
  if (fs.existsSync(markerFile) && fs.existsSync(serverMainPath)) {
    // Installs made before the binding was built get it on their next run.
    await buildSpdlog(vscodeDirIn(installDir));
    return serverMainPath;
  }
  const started = Date.now();
  // Installing beside the target and renaming at the end means an interrupted
  // install never looks complete, and two concurrent runs cannot mix files.
  const stagingDir = `${installDir}.partial-${process.pid}`;
  fs.rmSync(stagingDir, { recursive: true, force: true });
  try {
    await installInto(stagingDir);
    fs.writeFileSync(path.join(stagingDir, '.installed'), `${codeServerVersion}\n`);
    if (fs.existsSync(markerFile)) {
      log('another run finished the install first');
    } else {
      fs.rmSync(installDir, { recursive: true, force: true });
      fs.renameSync(stagingDir, installDir);
    }
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
  }
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s at ${installDir}`);
  return serverMainPath;
}

if (require.main === module) {
  ensureVsCodeServer().then(
    (serverMain) => log(`ready: ${serverMain}`),
    (error: unknown) => {
      console.error(`[vscode-server] install failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
