import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { askModal, isConfirmed } from '../consent/scriptedConfirmation';
import { apiKeyProblem } from '../generation/apiKeyFormat';
import { endpointHost, endpointOrigin } from '../generation/endpoint';
import type { CommandResult, InkwellCommand, Services } from './services';

/** Options of `inkwell.setApiKey` after the key: `{ confirmed: true }` stores a given key without asking. */
export interface SetApiKeyOptions {
  confirmed?: boolean;
  /** Where to get a key, shown in the input box. */
  hint?: string;
}

/** `(key, options)`, `(key, hint)` as Choose Provider calls it, or `({ key, confirmed })`. */
function parseArgs(key: unknown, options: unknown): { key?: string; confirmed: boolean; hint?: string } {
  if (typeof key === 'object' && key !== null) {
    const record = key as Record<string, unknown>;
    return { key: typeof record.key === 'string' ? record.key : undefined, confirmed: isConfirmed(record), hint: typeof record.hint === 'string' ? record.hint : undefined };
  }
  const hint = typeof options === 'string' ? options : typeof (options as SetApiKeyOptions | undefined)?.hint === 'string' ? (options as SetApiKeyOptions).hint : undefined;
  return { key: typeof key === 'string' ? key : undefined, confirmed: isConfirmed(options), hint };
}

/**
 * "Inkwell: Set API Key": stores the key for the current endpoint in secret
 * storage. Given a key as argument it asks first (a modal naming the
 * endpoint), unless the call says `{ confirmed: true }`: any extension can
 * run this command, and a swapped key sends the user's text to an account
 * that is not theirs.
 */
export function setApiKeyCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.setApiKey',
    async run(keyArg?: unknown, optionsArg?: unknown): Promise<CommandResult> {
      const args = parseArgs(keyArg, optionsArg);
      const { baseUrl } = readConfig();
      const host = endpointHost(baseUrl);
      if (args.key !== undefined) {
        const problem = apiKeyProblem(args.key);
        if (problem) {
          const message = `Inkwell: the key was not stored. ${problem}`;
          void vscode.window.showErrorMessage(message);
          return { status: 'error', message };
        }
        const allowed = args.confirmed || (await askModal(`Store a new API key for ${host}?`, `A command call (a script, a keybinding or another extension) asks to replace the key Inkwell sends to ${endpointOrigin(baseUrl)}. Allow it only if you started it.`, 'Store Key'));
        if (!allowed) return { status: 'cancelled', message: `Inkwell: the key for ${host} was not changed.` };
      }
      const value = args.key ?? (await vscode.window.showInputBox({
        title: `Inkwell: API key for ${host}`,
        prompt: args.hint ? `Get a key at ${args.hint}. It is kept in VS Code's secret storage, never in settings.` : "Kept in VS Code's secret storage, never in settings or logs.",
        password: true,
        ignoreFocusOut: true,
        validateInput: (input) => apiKeyProblem(input),
      }));
      if (value === undefined) return { status: 'cancelled' };
      await services.keys.set(baseUrl, value);
      services.log.info(`API key stored for ${host}`);
      const message = `Inkwell: API key saved for ${host}.`;
      void vscode.window.setStatusBarMessage(message, 4000);
      return { status: 'done', message };
    },
  };
}

/** "Inkwell: Clear API Key": forgets the key of the current endpoint. */
export function clearApiKeyCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.clearApiKey',
    async run() {
      const { baseUrl } = readConfig();
      await services.keys.delete(baseUrl);
      services.log.info(`API key removed for ${endpointHost(baseUrl)}`);
      void vscode.window.setStatusBarMessage(`Inkwell: API key removed for ${endpointHost(baseUrl)}.`, 4000);
      return true;
    },
  };
}
