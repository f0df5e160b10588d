import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { epochNow, rpcFileVariable, type BenchOperation, type BenchOperations } from '../shared/benchProtocol';
import { measureActivation } from './activation';
import { runEditorApply } from './editorApply';
import { closeAllEditors } from './editors';
import { runHistoryStore } from './historyStore';
import { runInlineReview } from './inlineReview';
import { runLongDocument } from './longDocument';
import { runStreamPath } from './streamingPaths';

/**
 * The bench module VS Code runs inside its extension host (as
 * `extensionTestsPath`). It measures nothing on its own: it serves the
 * driver's operations (bench/shared/benchProtocol.ts) one at a time over loopback
 * HTTP until told to shut down, so that the driver can interleave them with
 * what it does in the browser and on the local server.
 */

type Handlers = { [K in BenchOperation]: (args: BenchOperations[K][0]) => Promise<BenchOperations[K][1]> };

function handlers(shutdown: () => void): Handlers {
  return {
    activation: () => measureActivation(),
    memory: async () => {
      const usage = process.memoryUsage();
      return { heapUsedBytes: usage.heapUsed, rssBytes: usage.rss };
    },
    configure: async (settings) => {
      const config = vscode.workspace.getConfiguration('inkwell');
      // null (JSON has no undefined) removes the setting: back to the default.
      for (const [key, value] of Object.entries(settings)) await config.update(key, value ?? undefined, vscode.ConfigurationTarget.Global);
      return null;
    },
    command: async ({ id, args = [] }) => {
      const startedAt = epochNow();
      const started = performance.now();
      const result = await vscode.commands.executeCommand(id, ...args);
      return { startedAt, ms: performance.now() - started, result: result ?? null };
    },
    stream: (args) => runStreamPath(args),
    editorApply: (args) => runEditorApply(args),
    longDocument: (args) => runLongDocument(args),
    historyStore: (args) => runHistoryStore(args),
    inlineReview: (args) => runInlineReview(args),
    closeEditors: async () => {
      await closeAllEditors();
      return null;
    },
    shutdown: async () => {
      shutdown();
      return null;
    },
  };
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

/** Entry point VS Code calls in the extension host. Resolves when the driver says `shutdown`. */
export async function run(): Promise<void> {
  const rpcFile = process.env[rpcFileVariable];
  if (!rpcFile) throw new Error(`${rpcFileVariable} is not set: this module is started by bench/run.ts`);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const table = handlers(() => setTimeout(finish, 50));
  // One operation at a time: measurements must not overlap.
  let queue = Promise.resolve();
  const server = http.createServer((request, response) => {
    queue = queue.then(async () => {
      let status = 200;
      let body: unknown;
      try {
        const { op, args } = JSON.parse(await readBody(request)) as { op: BenchOperation; args: never };
        const handler = table[op] as ((args: unknown) => Promise<unknown>) | undefined;
        if (!handler) throw new Error(`unknown operation ${op}`);
        body = await handler(args);
      } catch (error) {
        status = 500;
        body = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fs.writeFileSync(`${rpcFile}.tmp`, JSON.stringify({ port }));
  fs.renameSync(`${rpcFile}.tmp`, rpcFile);
  await finished;
  server.close();
}
