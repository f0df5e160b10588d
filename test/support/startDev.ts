import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { devPaths, seedWorkspace } from './devWorkspace';
import { repoRoot } from './installVsCodeServer';
import { runSmoke } from './startSmoke';
import { startVsCodeServer } from './vscodeHost';

/**
 * `npm start`: desktop VS Code with Inkwell as the development extension when
 * `code` is installed; otherwise VS Code's server build, opened in any browser.
 * Without a folder it opens ~/.inkwell-dev/workspace, seeded with the samples.
 * `--smoke` checks the server build with Inkwell headlessly and exits.
 *
 *     npm start [-- <folder>] [--restricted] [--port N] [--smoke]
 */

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, command)));
}

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function startServer(folder: string): Promise<void> {
  // Kept between runs so settings and keys entered in the workbench survive a restart.
  const serverDataDir = devPaths().serverData;
  fs.mkdirSync(serverDataDir, { recursive: true });
  const server = await startVsCodeServer({
    label: 'dev',
    serverDataDir,
    port: argValue('--port') ? Number(argValue('--port')) : undefined,
    trustWorkspace: !process.argv.includes('--restricted'),
  });
  const url = server.workbenchUrl(folder, [
    ['extensionDevelopmentPath', `vscode-remote://${server.authority}${repoRoot}`],
    ['skipWelcome', 'true'],
  ]);
  console.log(`VS Code ${server.vscodeVersion} (server build) is running Inkwell from ${repoRoot}`);
  console.log(`Open in a browser:\n\n  ${url}\n`);
  console.log(`After \`npm run build\`, run "Developer: Reload Window" to load the new bundle.`);
  console.log(`Settings: ${server.userSettingsPath}\nLog: ${server.logFile}\nCtrl+C stops the server.`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const how = await server.exited;
  console.error(`The VS Code server exited (${how}); see ${server.logFile}`);
  process.exit(1);
}

/** The folder given on the command line, or the dev workspace with the samples copied in. */
function workspaceFolder(): string {
  const folderArg = process.argv.slice(2).find((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--port');
  if (folderArg) {
    const folder = path.resolve(folderArg);
    fs.mkdirSync(folder, { recursive: true });
    return folder;
  }
  const { workspace, seedRecord } = devPaths();
  const seeded = seedWorkspace(workspace, seedRecord);
  if (seeded.copied.length > 0 || seeded.updated.length > 0) {
    console.log(`Sample documents in ${workspace}: ${[...seeded.copied, ...seeded.updated].join(', ')}`);
  }
  return workspace;
}

function main(): void {
  if (process.argv.includes('--smoke')) {
    void runSmoke().then(({ ok, line }) => {
      (ok ? console.log : console.error)(line);
      process.exit(ok ? 0 : 1);
    });
    return;
  }
  const folder = workspaceFolder();
  if (onPath('code')) {
    const code = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
    code.on('exit', (status) => process.exit(status ?? 0));
    return;
  }
  startServer(folder).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

main();
