import type { GenerationErrorCategory } from '../generation/errors';

/**
 * The fix buttons offered with a failure, shared by the editor notifications
 * (src/commands/errorReporting.ts) and the chat, so both offer the same fix
 * for the same failure. No `vscode` import: the webview shows these labels.
 */

/** Every button a failure can offer; the chat's protocol accepts only these. */
export const fixActionLabels = ['Set API Key', 'Choose Provider', 'Test Connection', 'Open Settings', 'Show Log'] as const;

export type FixAction = (typeof fixActionLabels)[number];

/** The follow-up each error category offers; every button leads to the fix the message names. */
export const actionsByCategory: Readonly<Partial<Record<GenerationErrorCategory, readonly FixAction[]>>> = {
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
  redirectRefused: ['Open Settings', 'Show Log'],
  consentDeclined: ['Choose Provider', 'Open Settings'],
};

/** The buttons for a category; categories without their own fix offer the log. */
export function fixActionsFor(category: string | undefined): FixAction[] {
  const known = category !== undefined && Object.prototype.hasOwnProperty.call(actionsByCategory, category);
  return [...((known ? actionsByCategory[category as GenerationErrorCategory] : undefined) ?? ['Show Log'])];
}

/** The command (and arguments) each button runs. */
export const actionCommands: Readonly<Record<FixAction, readonly [string, ...unknown[]]>> = {
  'Set API Key': ['inkwell.setApiKey'],
  'Choose Provider': ['inkwell.chooseProvider'],
  'Test Connection': ['inkwell.testConnection'],
  'Open Settings': ['workbench.action.openSettings', 'inkwell.'],
  'Show Log': ['inkwell.showLog'],
};

export function isFixAction(value: unknown): value is FixAction {
  return typeof value === 'string' && (fixActionLabels as readonly string[]).includes(value);
}
