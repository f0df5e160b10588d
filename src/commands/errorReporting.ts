import * as vscode from 'vscode';
import { GenerationError } from '../generation/errors';
import { actionCommands, fixActionsFor, isFixAction, type FixAction } from '../shared/errorActions';
import type { CommandResult, Services } from './services';

/** Any thrown value as a categorised failure; what no category anticipated counts as a bad response. */
export function asGenerationError(error: unknown): GenerationError {
  return error instanceof GenerationError
    ? error
    : new GenerationError('badResponse', error instanceof Error ? error.message : String(error));
}

/** Words and buttons that replace a failure's own, when more is known about its cause than its category. */
export interface FailureExplanation {
  message: string;
  actions: readonly FixAction[];
  /** The one `inkwell.*` setting Open Settings shows, e.g. `inkwell.baseUrl`. */
  setting?: string;
}

/**
 * Shows a failure without blocking the command: the command's promise
 * resolves once the message is up, and the button runs later if clicked.
 * `kept` tells the user where the text that already arrived is.
 */
export function reportFailure(services: Services, error: unknown, kept?: string, explained?: FailureExplanation): CommandResult {
  const failure = asGenerationError(error);
  if (failure.category === 'cancelled') {
    const message = kept ? `Inkwell: cancelled. ${kept}` : 'Inkwell: cancelled.';
    void vscode.window.setStatusBarMessage(message, 5000);
    return { status: 'cancelled', message, text: failure.partialText };
  }
  const actions = explained ? [...explained.actions] : fixActionsFor(failure.category);
  const message = `Inkwell: ${explained?.message ?? failure.message}${kept ? ` ${kept}` : ''}`;
  const shown =
    failure.category === 'truncated' || failure.category === 'emptyAnswer'
      ? vscode.window.showWarningMessage(message, ...actions)
      : vscode.window.showErrorMessage(message, ...actions);
  void shown.then((choice) => {
    const command =
      choice === 'Open Settings' && explained?.setting
        ? (['workbench.action.openSettings', explained.setting] as const)
        : isFixAction(choice)
          ? actionCommands[choice]
          : undefined;
    if (command) void vscode.commands.executeCommand(...command);
  });
  services.log.warn(`shown to user: ${failure.category}`);
  return { status: 'error', category: failure.category, message, actions, text: failure.partialText };
}
