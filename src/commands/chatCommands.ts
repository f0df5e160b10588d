import * as vscode from 'vscode';
import { isConfirmed } from '../consent/scriptedConfirmation';
import type { InkwellCommand, Services } from './services';

/** "Inkwell: Open Chat": shows the chat in the side bar. */
export function openChatCommand(services: Services): InkwellCommand {
  return { id: 'inkwell.openChat', run: () => services.chat.reveal() };
}

/** "Inkwell: Open Chat in Editor": moves the current chat into an editor tab. */
export function openChatInEditorCommand(services: Services): InkwellCommand {
  return { id: 'inkwell.openChatInEditor', run: () => services.chat.openInEditor() };
}

/** "Inkwell: New Chat". */
export function newConversationCommand(services: Services): InkwellCommand {
  return { id: 'inkwell.chat.newConversation', run: () => services.chat.newConversation() };
}

/** "Inkwell: Chat History": opens the history list (switch, rename, delete, search). */
export function showHistoryCommand(services: Services): InkwellCommand {
  return { id: 'inkwell.chat.showHistory', run: () => services.chat.showHistory() };
}

function asTarget(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : typeof value === 'string' && value ? vscode.Uri.file(value) : undefined;
}

/**
 * "Inkwell: Export Chat as Markdown"; a target Uri (or path) as argument
 * replaces the save dialog: `(target, { confirmed, overwrite })`, or one
 * object `{ target, confirmed, overwrite }`.
 */
export function exportConversationCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.chat.exportConversation',
    run: (target?: unknown, options?: unknown) => {
      const single = typeof target === 'object' && target !== null && !(target instanceof vscode.Uri) ? (target as Record<string, unknown>) : undefined;
      const given = single ?? (typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {});
      return services.chat.exportConversation(asTarget(single ? single.target : target), { confirmed: isConfirmed(given), overwrite: given.overwrite === true });
    },
  };
}

/** The chat's commands, in the order package.json lists them. */
export function chatCommands(services: Services): InkwellCommand[] {
  return [
    openChatCommand(services),
    openChatInEditorCommand(services),
    newConversationCommand(services),
    showHistoryCommand(services),
    exportConversationCommand(services),
  ];
}
