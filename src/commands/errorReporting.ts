import * as vscode from 'vscode';
import type { GenerationErrorCategory } from '../generation/errors';
import { GenerationError } from '../generation/errors';
import type { CommandResult, Services } from './services';

/** The follow-up each error category offers; every button leads to the fix the message names. */
const actionsByCategory: Partial<Record<GenerationErrorCategory, string[]>> = {
  missingKey: ['Set API Key', 'Choose Provider'],
  authFailed: ['Set API Key', 'Choose Provider'],
  permissionDenied: ['Set API Key', 'Choose Provider'],
  modelNotFound: ['Test Connection', 'Open Settings'],
  badBaseUrl: ['Open Settings', 'Test Connection'],
  network: ['Test Connection', 'Open Settings'],
  quotaExhausted: ['Choose Provider'],
  contextTooLong: ['Open Settings'],
  badRequest: ['Open Settings', 'Show Log'],
  serverError: ['Show Log'],
  idleTimeout: ['Open Settings'],
  truncated: ['Open Settings'],
  badResponse: ['Open Settings', 'Show Log'],
};

const actionCommands: Record<string, [string, ...unknown[]]> = {
  'Set API Key': ['inkwell.setApiKey'],
  'Choose Provider': ['inkwell.chooseProvider'],
  'Test Connection': ['inkwell.testConnection'],
  'Open Settings': ['workbench.action.openSettings', 'inkwell.'],
  'Show Log': ['inkwell.showLog'],
};

/** Any thrown value as a categorised failure; what no category anticipated counts as a bad response. */
export function asGenerationError(error: unknown): GenerationError {
  return error instanceof GenerationError ? error : new GenerationError('badResponse', error instanceof Error ? error.message : String(error));
}

/**
 * Shows a failure without blocking the command: the command's promise
 * resolves once the message is up, and the button runs later if clicked.
 * `kept` tells the user where the text that already arrived is.
 */
export function reportFailure(services: Services, error: unknown, kept?: string): CommandResult {
  const failure = asGenerationError(error);
  if (failure.category === 'cancelled') {
    const message = kept ? `Inkwell: cancelled. ${kept}` : 'Inkwell: cancelled.';
    void vscode.window.setStatusBarMessage(message, 5000);
    return { status: 'cancelled', message, text: failure.partialText };
  }
  const actions = actionsByCategory[failure.category] ?? ['Show Log'];
  const message = `Inkwell: ${failure.message}${kept ? ` ${kept}` : ''}`;
  const shown = failure.category === 'truncated' || failure.category === 'emptyAnswer' ? vscode.window.showWarningMessage(message, ...actions) : vscode.window.showErrorMessage(message, ...actions);
  void shown.then((choice) => {
    const command = choice ? actionCommands[choice] : undefined;
    if (command) void vscode.commands.executeCommand(...command);
  });
  services.log.warn(`shown to user: ${failure.category}`);
  return { status: 'error', category: failure.category, message, actions, text: failure.partialText };
}
