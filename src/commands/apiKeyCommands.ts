import * as vscode from 'vscode';
import { readConfig } from '../settings/config';
import { askModal } from '../consent/scriptedConfirmation';
import { apiKeyProblem } from '../generation/apiKeyFormat';
import { endpointHost, endpointOrigin } from '../generation/endpoint';
import { commandArguments, flag, text, type ArgumentsOf } from './commandArguments';
import type { CommandResult, InkwellCommand, Services } from './services';

/**
 * `(key, { confirmed, hint })`, `(key, hint)`, `(undefined, { hint })` as
 * Choose Provider calls it, or `({ key, confirmed, hint })`. `confirmed:
 * true` stores a given key without asking; `hint` (where to get a key) is
 * shown in the input box.
 */
const setApiKeyArguments = commandArguments({ key: text, confirmed: flag, hint: text }, ['key', 'hint']);

/**
 * "Inkwell: Set API Key": stores the key for the current endpoint in secret
 * storage. Given a key as argument it asks first (a modal naming the
 * endpoint), unless the call says `{ confirmed: true }`: any extension can
 * run this command, and a swapped key sends the user's text to an account
 * that is not theirs.
 */
export function setApiKeyCommand(services: Services): InkwellCommand<ArgumentsOf<typeof setApiKeyArguments>> {
  return {
    id: 'inkwell.setApiKey',
    args: setApiKeyArguments,
    async run(given): Promise<CommandResult> {
      const args = given ?? {};
      const { baseUrl } = readConfig();
      const host = endpointHost(baseUrl);
      if (args.key !== undefined) {
        const problem = apiKeyProblem(args.key);
        if (problem) {
          const message = `Inkwell: the key was not stored. ${problem}`;
          void vscode.window.showErrorMessage(message);
          return { status: 'error', message };
        }
        const allowed =
          args.confirmed ||
          (await askModal(
            `Store a new API key for ${host}?`,
            `A command call (a script, a keybinding or another extension) asks to replace the key Inkwell sends to ${endpointOrigin(baseUrl)}. Allow it only if you started it.`,
            'Store Key',
          ));
        if (!allowed) return { status: 'cancelled', message: `Inkwell: the key for ${host} was not changed.` };
      }
      const value =
        args.key ??
        (await vscode.window.showInputBox({
          title: `Inkwell: API key for ${host}`,
          prompt: args.hint
            ? `Get a key at ${args.hint}. It is kept in VS Code's secret storage, never in settings.`
            : "Kept in VS Code's secret storage, never in settings or logs.",
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
