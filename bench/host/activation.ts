import * as path from 'path';
import * as vscode from 'vscode';
import { extensionId, type ActivationFigures } from '../shared/benchProtocol';

interface ExtensionModule {
  activate?: (context: vscode.ExtensionContext) => unknown;
  deactivate?: () => unknown;
}

/**
 * Measures a cold activation in the real extension host. VS Code loads an
 * extension's main file with Node's `require` and then calls `activate()`;
 * here the bench does the `require` itself (timed: code loading), puts a
 * timing wrapper around `activate` in Node's module cache, and runs a cheap
 * command. VS Code then activates Inkwell on that command as it would for a
 * user, finds the module in the cache and calls the wrapper, which times
 * `activate()` from call to return (and to resolution, were it async).
 * The whole interval is "first command ready": bundle loaded, activated,
 * command run.
 */
export async function measureActivation(): Promise<ActivationFigures> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`${extensionId} is not installed in this host`);
  if (extension.isActive) return { wasActive: true, loadMs: NaN, activateMs: NaN, firstCommandMs: NaN };
  const main = require.resolve(path.join(extension.extensionPath, (extension.packageJSON as { main: string }).main));
  let activateMs = NaN;

  const started = performance.now();
  // A dynamic require on purpose: this is exactly how VS Code loads a CommonJS extension.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(main) as ExtensionModule;
  const loadMs = performance.now() - started;
  const cached = require.cache[main];
  if (!cached || typeof loaded.activate !== 'function') throw new Error(`${main} did not load as a CommonJS module with activate()`);
  const activate = loaded.activate;
  cached.exports = {
    deactivate: loaded.deactivate,
    activate(context: vscode.ExtensionContext) {
      const called = performance.now();
      const returned = activate(context);
      const done = () => (activateMs = performance.now() - called);
      if (returned instanceof Promise) return returned.finally(done);
      done();
      return returned;
    },
  } satisfies ExtensionModule;
  await vscode.commands.executeCommand('inkwell.cancel');
  const firstCommandMs = performance.now() - started;
  return { wasActive: false, loadMs, activateMs, firstCommandMs };
}
