import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { startVsCodeHost, type VsCodeHost } from '../../test/support/vscodeHost';
import { rpcFileVariable, type BenchOperation, type BenchOperations } from '../shared/benchProtocol';

/** A real VS Code (server build + headless Chromium) running bench/host/vscodeBench.ts in its extension host. */
export interface BenchHost {
  host: VsCodeHost;
  /** Runs one operation in the extension host and returns its figures. */
  call<K extends BenchOperation>(
    op: K,
    ...args: BenchOperations[K][0] extends undefined ? [] : [BenchOperations[K][0]]
  ): Promise<BenchOperations[K][1]>;
  /** The chat page inside its two webview iframes, once the chat view has been opened. */
  chatFrame(timeoutMs?: number): Promise<Frame>;
  close(): Promise<void>;
}

export interface BenchHostOptions {
  label: string;
  userSettings: Record<string, unknown>;
  /** A server data dir prepared beforehand (e.g. with stored conversations); removed on close. */
  serverDataDir?: string;
}

const benchModule = path.join(__dirname, '..', 'host', 'vscodeBench.js');

async function waitForFile(file: string, gone: Promise<string>, timeoutMs: number): Promise<string> {
  let exited: string | undefined;
  void gone.then((how) => (exited = how));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    if (exited) throw new Error(`the VS Code server exited (${exited}) before the bench module started`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the bench module did not start within ${timeoutMs / 1000} s`);
}

/** Starts VS Code with the bench module and waits until it serves operations. */
export async function startBenchHost(options: BenchHostOptions): Promise<BenchHost> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'inkwell-bench-'));
  const rpcFile = path.join(scratch, 'rpc.json');
  const host = await startVsCodeHost({
    label: options.label,
    extensionTestsPath: benchModule,
    serverDataDir: options.serverDataDir,
    userSettings: options.userSettings,
    env: { [rpcFileVariable]: rpcFile },
  });
  const close = async (): Promise<void> => {
    await host.close();
    fs.rmSync(scratch, { recursive: true, force: true });
    if (options.serverDataDir) fs.rmSync(options.serverDataDir, { recursive: true, force: true });
  };
  let port: number;
  try {
    port = (JSON.parse(await waitForFile(rpcFile, host.exited, 60_000)) as { port: number }).port;
  } catch (error) {
    await close();
    throw new Error(`${error instanceof Error ? error.message : String(error)}; log: ${host.logFile}`);
  }

  const call = async (op: BenchOperation, args?: unknown): Promise<never> => {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      body: JSON.stringify({ op, args }),
      signal: AbortSignal.timeout(5 * 60_000),
    });
    const body = (await response.json()) as { error?: string };
    if (!response.ok) throw new Error(`${op} failed in the extension host: ${body.error}; log: ${host.logFile}`);
    return body as never;
  };

  const chatFrame = async (timeoutMs = 30_000): Promise<Frame> => {
    const outer = await host.page.locator('iframe.webview.ready').first().elementHandle({ timeout: timeoutMs });
    const outerFrame = await outer?.contentFrame();
    const inner = await outerFrame?.locator('#active-frame').elementHandle({ timeout: timeoutMs });
    const frame = await inner?.contentFrame();
    if (!frame) throw new Error('the chat webview has no content frame');
    await frame.locator('.composer-input').waitFor({ state: 'attached', timeout: timeoutMs });
    return frame;
  };

  return {
    host,
    call: call as BenchHost['call'],
    chatFrame,
    async close() {
      await call('shutdown').catch(() => undefined);
      await close();
    },
  };
}
