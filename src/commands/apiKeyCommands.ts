import * as vscode from 'vscode';
import { readConfig } from '../config';
import { endpointHost } from '../generation/endpoint';
import type { InkwellCommand, Services } from './services';


/**
 * "Inkwell: Set API Key": stores the key for the current endpoint in secret
 * storage. `inkwell.setApiKey` with a string argument stores it without asking.
 */
export function setApiKeyCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.setApiKey',
    async run(key?: unknown, hint?: unknown) {
      const { baseUrl } = readConfig();
      const value = typeof key === 'string'
        ? key
        : await vscode.window.showInputBox({
            title: `Inkwell: API key for ${endpointHost(baseUrl)}`,
            prompt: typeof hint === 'string' ? `Get a key at ${hint}. It is kept in VS Code's secret storage, never in settings.` : "Kept in VS Code's secret storage, never in settings or logs.",
            password: true,
            ignoreFocusOut: true,
            validateInput: (input) => (input.trim() ? undefined : 'Enter the key, or press Escape to cancel.'),
          });
      if (!value?.trim()) return false;
      await services.keys.set(baseUrl, value);
      services.log.info(`API key stored for ${endpointHost(baseUrl)}`);
      void vscode.window.setStatusBarMessage(`Inkwell: API key saved for ${endpointHost(baseUrl)}.`, 4000);
      return true;
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
