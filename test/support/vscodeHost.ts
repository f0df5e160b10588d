import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import { Browser, chromium, Page } from 'playwright-core';
import { useDisplayLanguage } from './displayLanguage';
import { ensureVsCodeServer, repoRoot, serverMainPath, vscodeTestDir } from './installVsCodeServer';

/** Options for {@link startVsCodeServer}. */
export interface VsCodeServerOptions {
  /** `false` leaves workspace trust on, so folders open in Restricted Mode. Default `true`. */
  trustWorkspace?: boolean;
  /** Extra environment for the server; its extension host inherits it. */
  env?: Record<string, string>;
  /**
   * Written to `<serverDataDir>/data/User/settings.json` before start. That file
   * is the web workbench's User settings: code-server's build of the workbench
   * reads its user data from the server (`userRoamingDataHome` =
   * `vscode-remote://<authority>/<userDataPath>/User`), not from the browser's
   * IndexedDB as upstream VS Code's web workbench does. So
   * `configuration.update(..., ConfigurationTarget.Global)` in a test writes
   * this file too.
   */
  userSettings?: Record<string, unknown>;
  /** The workbench's display language, e.g. `'zh-cn'`; default English. See {@link useDisplayLanguage}. */
  displayLanguage?: string;
  /** Shorthand for the `workbench.colorTheme` user setting, e.g. `'Default Dark Modern'`. */
  colorTheme?: string;
  /**
   * Server data dir to use and keep; default: a fresh temp dir removed on close.
   * A kept dir's existing settings.json wins over `userSettings`/`colorTheme`.
   */
  serverDataDir?: string;
  /** Port to listen on; default: one the server picks itself (no race with other runs). */
  port?: number;
  /** Names the log file under `.vscode-test/logs/`. */
  label?: string;
  /** Called with each server output line, also written to the log file. */
  onLog?: (line: string) => void;
  /**
   * A VSIX to install into the server's extensions dir (`--install-extension`)
   * before it starts, as a person installs Inkwell. {@link startVsCodeHost}
   * then loads no development extension unless `extensionDevelopmentPath` is given.
   */
  installExtension?: string;
  /**
   * Extension folders (a package.json and plain JS, nothing to package)
   * copied into the server's extensions dir before it starts: the server
   * loads them as installed extensions, beside the development extension.
   */
  extensionFolders?: string[];
}

/** A running VS Code server (no browser). */
export interface VsCodeServer {
  serverUrl: string;
  /** `vscode-remote://` authority of this server, for payload URIs. */
  authority: string;
  vscodeVersion: string;
  serverDataDir: string;
  /** Where the server keeps installed extensions: `<serverDataDir>/extensions`. */
  extensionsDir: string;
  /** Where the web workbench's User settings live for this server. */
  userSettingsPath: string;
  logFile: string;
  /** Appends a line to the log file. */
  log(line: string): void;
  /** Resolves when the server process exits (code or signal). */
  exited: Promise<string>;
  /** Builds the workbench URL that opens `folder` with these payload entries. */
  workbenchUrl(folder: string, payload: [string, string][]): string;
  /** Kills the server's whole process tree; removes a temp data dir. Safe to call twice. */
  close(): Promise<void>;
}

/** Options for {@link startVsCodeHost}. */
export interface VsCodeHostOptions extends VsCodeServerOptions {
  /** Absolute path of the folder to open; default: a fresh empty temp folder. */
  workspaceFolder?: string;
  /** Absolute path of a compiled module exporting `run()`, run inside the extension host. */
  extensionTestsPath?: string;
  /** Default: the repository root (its package.json has `main: ./dist/extension.js`), or none with `installExtension`. */
  extensionDevelopmentPath?: string;
  /** Called with each page console message, e.g. to notice an extension host crash. */
  onConsoleMessage?: (text: string, type: string) => void;
  /** Wait until the workbench DOM is there before returning. Default `true`. */
  waitForWorkbench?: boolean;
  viewport?: { width: number; height: number };
  /**
   * Turn off the workbench's CSS animations and transitions. Without a GPU,
   * Chromium paints every frame of a spinning progress bar in software, which
   * cost the integration suite a fifth of its CPU; the UI suites keep them,
   * as a writer sees them.
   */
  stillWorkbench?: boolean;
}

/** VS Code's server build running an extension, shown in headless Chromium. */
export interface VsCodeHost extends VsCodeServer {
  page: Page;
  browser: Browser;
  workspaceFolder: string;
  /** Closes the browser, then the server. Safe to call twice. */
  close(): Promise<void>;
}

const chromiumPath = '/usr/bin/chromium';

/** Runs in the page before the workbench's own scripts: the workbench as a reduced-motion user sees it, without even the fades. */
function stillWorkbench(): void {
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent = '*, *::before, *::after { animation: none !important; transition: none !important; }';
    document.head.appendChild(style);
  });
}
// Flags measured to work as root in this headless container.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Quiet defaults: there is no network, so nothing should try to reach it.
const baseUserSettings: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
};

/** Resolves with the port from the server's own line, `--port 0` having let it pick a free one. */
function waitUntilListening(listening: Promise<number>, exited: Promise<string>, timeoutMs: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    listening,
    exited.then((how) => Promise.reject(new Error(`VS Code server exited before listening (${how})`))),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`VS Code server did not listen within ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

function openLog(label: string): { logFile: string; log: (line: string) => void; end: () => void } {
  const logsDir = path.join(vscodeTestDir, 'logs');
  fs.mkdirSync(logsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const logFile = path.join(logsDir, `${stamp}-${label}.log`);
  const stream = fs.createWriteStream(logFile);
  let ended = false;
  return {
    logFile,
    log: (line) => {
      if (!ended) {
        stream.write(`${line}\n`);
      }
    },
    end: () => {
      ended = true;
      stream.end();
    },
  };
}

/**
 * The workbench logs `('%c INFO', css, '%s%s', a, b)`: a styled prefix, then
 * a second format string (what the extension host's console.log received).
 */
function formatConsoleArgs(values: unknown[]): string {
  const [first] = values;
  if (typeof first !== 'string' || !first.startsWith('%c')) {
    return format(...values);
  }
  const styles = first.split('%c').length - 1;
  const prefix = first.replace(/%c/g, '').trim();
  const rest = values.slice(1 + styles);
  return rest.length > 0 ? `${prefix} ${format(...rest)}` : prefix;
}

/** The extension host must not think it runs inside the VS Code that started this process. */
function serverEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') {
      env[key] = value;
    }
  }
  // An empty gallery keeps the workbench from querying open-vsx.org, which is unreachable here.
  return { ...env, EXTENSIONS_GALLERY: '{}', ...extra };
}

const abruptEndCleanups = new Set<() => void>();
let abruptEndHandled = false;

/**
 * The server has its own process group, so Ctrl+C does not reach it. Runs
 * `cleanup` if this process exits or is interrupted before close(); on a
 * signal it then exits as Node would by default (other SIGINT listeners, such
 * as Playwright's, would otherwise keep the process running). Returns the
 * function that unregisters `cleanup`.
 */
function cleanUpOnAbruptEnd(cleanup: () => void): () => void {
  if (!abruptEndHandled) {
    abruptEndHandled = true;
    const runAll = (): void => abruptEndCleanups.forEach((fn) => fn());
    process.on('exit', runAll);
    process.on('SIGINT', () => process.exit(130));
    process.on('SIGTERM', () => process.exit(143));
  }
  abruptEndCleanups.add(cleanup);
  return () => abruptEndCleanups.delete(cleanup);
}

function removeDirs(dirs: string[]): void {
  for (const dir of dirs) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies `folder` to where an install puts an extension, `<extensionsDir>/<publisher>.<name>-<version>`. */
function copyExtensionFolder(folder: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  fs.cpSync(folder, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
}

/** Runs the server's own command line once to install `vsix`; it exits when done. */
function installVsix(vsix: string, serverDataDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const args = [serverMainPath, '--server-data-dir', serverDataDir, '--accept-server-license-terms', '--install-extension', vsix];
  log(`[host] node ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (output += chunk));
    }
    child.on('error', reject);
    child.on('exit', (code) => {
      log(`[install] ${output.trim()}`);
      // The CLI reports a failed install in its output but may still exit 0.
      if (code === 0 && /successfully installed/.test(output)) resolve();
      else reject(new Error(`installing ${vsix} failed (code ${code}): ${output.trim()}`));
    });
  });
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // The server was spawned as a process group leader, so this reaches the
    // extension host, file watcher and pty host it forked as well.
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Installs if needed and starts `server-main.js` with a fresh data dir; no browser. */
export async function startVsCodeServer(options: VsCodeServerOptions = {}): Promise<VsCodeServer> {
  await ensureVsCodeServer();
  const vscodeDir = path.dirname(path.dirname(serverMainPath));
  const manifest = JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')) as { version: string };
  const vscodeVersion = manifest.version;
  const ownsDataDir = !options.serverDataDir;
  const serverDataDir = options.serverDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-vscode-server-'));
  const userSettingsPath = path.join(serverDataDir, 'data', 'User', 'settings.json');
  const settings = {
    ...baseUserSettings,
    ...(options.colorTheme ? { 'workbench.colorTheme': options.colorTheme } : {}),
    ...options.userSettings,
  };
  if (ownsDataDir || !fs.existsSync(userSettingsPath)) {
    fs.mkdirSync(path.dirname(userSettingsPath), { recursive: true });
    fs.writeFileSync(userSettingsPath, JSON.stringify(settings, undefined, 2));
  }
  if (options.displayLanguage) useDisplayLanguage(serverDataDir, options.displayLanguage);

  // VS Code treats every theme found under the development extension's folder
  // as the extension's own and switches to it at startup, ignoring
  // `workbench.colorTheme`. The install lives under the repository root, so
  // the server is shown its built-in extensions through a link outside it.
  const builtinLinkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-vscode-builtin-'));
  const builtinExtensionsDir = path.join(builtinLinkDir, 'extensions');
  fs.symlinkSync(path.join(vscodeDir, 'extensions'), builtinExtensionsDir);

  const { logFile, log, end } = openLog(options.label ?? 'vscode');
  const extensionsDir = path.join(serverDataDir, 'extensions');
  for (const folder of options.extensionFolders ?? []) {
    copyExtensionFolder(folder, extensionsDir);
  }
  if (options.installExtension) {
    try {
      await installVsix(options.installExtension, serverDataDir, serverEnv(options.env), log);
    } catch (error) {
      end();
      removeDirs(ownsDataDir ? [builtinLinkDir, serverDataDir] : [builtinLinkDir]);
      throw error;
    }
  }
  const args = [
    serverMainPath,
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--server-data-dir',
    serverDataDir,
    '--telemetry-level',
    'off',
    '--builtin-extensions-dir',
    builtinExtensionsDir,
    ...(options.trustWorkspace === false ? [] : ['--disable-workspace-trust']),
  ];
  log(`[host] node ${args.join(' ')}`);
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnv(options.env),
  });
  const temporaryDirs = ownsDataDir ? [builtinLinkDir, serverDataDir] : [builtinLinkDir];
  const forgetCleanup = cleanUpOnAbruptEnd(() => {
    killTree(child, 'SIGKILL');
    removeDirs(temporaryDirs);
  });
  const exited = new Promise<string>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  let reportPort: (port: number) => void = () => undefined;
  const listening = new Promise<number>((resolve) => (reportPort = resolve));
  for (const [name, stream] of [
    ['server', child.stdout!],
    ['server:err', child.stderr!],
  ] as const) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        log(`[${name}] ${line}`);
        const port = /Extension host agent listening on (\d+)/.exec(line)?.[1];
        if (port) {
          reportPort(Number(port));
        }
        options.onLog?.(line);
      }
    });
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      killTree(child, 'SIGTERM');
      const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000, undefined))]);
      // SIGKILL the group even after a clean exit: forked helpers may linger.
      killTree(child, 'SIGKILL');
      forgetCleanup();
      log(`[host] server stopped (${stopped ?? 'killed after 5 s'})`);
      end();
      removeDirs(temporaryDirs);
    })());

  let port: number;
  try {
    port = await waitUntilListening(listening, exited, 60_000);
  } catch (error) {
    await close();
    throw new Error(`${error instanceof Error ? error.message : String(error)}; see ${logFile}`);
  }
  const authority = `127.0.0.1:${port}`;
  const serverUrl = `http://${authority}`;
  const workbenchUrl = (folder: string, payload: [string, string][]): string => {
    const url = new URL(serverUrl + '/');
    url.searchParams.set('folder', folder);
    url.searchParams.set('payload', JSON.stringify(payload));
    return url.toString();
  };
  return { serverUrl, authority, vscodeVersion, serverDataDir, extensionsDir, userSettingsPath, logFile, log, exited, workbenchUrl, close };
}

/**
 * Starts VS Code's server build with this repository as the development
 * extension (or with `installExtension` installed), opens its web workbench in headless Chromium and, when
 * `extensionTestsPath` is given, runs those tests in the extension host.
 */
export async function startVsCodeHost(options: VsCodeHostOptions = {}): Promise<VsCodeHost> {
  const server = await startVsCodeServer(options);
  const ownsWorkspace = !options.workspaceFolder;
  const workspaceFolder = options.workspaceFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-workspace-'));
  const remote = (absolutePath: string): string => `vscode-remote://${server.authority}${absolutePath}`;
  const developmentPath = options.extensionDevelopmentPath ?? (options.installExtension ? undefined : repoRoot);
  const payload: [string, string][] = [
    ...(developmentPath ? [['extensionDevelopmentPath', remote(developmentPath)] as [string, string]] : []),
    ...(options.extensionTestsPath ? [['extensionTestsPath', remote(options.extensionTestsPath)] as [string, string]] : []),
    ['skipWelcome', 'true'],
  ];

  const temporaryDirs = ownsWorkspace ? [workspaceFolder] : [];
  const forgetCleanup = cleanUpOnAbruptEnd(() => removeDirs(temporaryDirs));
  let browser: Browser | undefined;
  const closeAll = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server.close();
    forgetCleanup();
    removeDirs(temporaryDirs);
  };
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= closeAll());

  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    if (options.stillWorkbench) await page.addInitScript(stillWorkbench);
    // The workbench logs printf-style ('%c INFO', css, '%s', ...); formatting the
    // arguments as Node would keeps the log readable. The chain keeps their order.
    let logged = Promise.resolve();
    page.on('console', (message) => {
      options.onConsoleMessage?.(message.text(), message.type());
      logged = logged.then(async () => {
        const text = await Promise.all(message.args().map((arg) => arg.jsonValue()))
          .then((values) => (values.length > 0 ? formatConsoleArgs(values) : message.text()))
          .catch(() => message.text());
        server.log(`[page:${message.type()}] ${text}`);
      });
    });
    page.on('requestfailed', (request) => {
      server.log(`[page:requestfailed] ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('pageerror', (error) => {
      server.log(`[page:uncaught] ${error.stack ?? error.message}`);
      options.onConsoleMessage?.(error.message, 'pageerror');
    });
    const url = server.workbenchUrl(workspaceFolder, payload);
    server.log(`[host] opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (options.waitForWorkbench !== false) {
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    }
    return { ...server, page, browser, workspaceFolder, close };
  } catch (error) {
    await close();
    throw error;
  }
}
