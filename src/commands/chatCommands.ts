import * as vscode from 'vscode';
import { commandArguments, flag, rule, type ArgumentsOf } from './commandArguments';
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

const exportTarget = rule('a file Uri or path', (value) =>
  value instanceof vscode.Uri ? { value } : typeof value === 'string' && value ? { value: vscode.Uri.file(value) } : undefined,
);

/** `(target, { confirmed, overwrite })`, or one object `{ target, confirmed, overwrite }`. */
const exportArguments = commandArguments({ target: exportTarget, confirmed: flag, overwrite: flag }, ['target', null]);

/** "Inkwell: Export Chat as Markdown"; a target Uri (or path) as argument replaces the save dialog. */
export function exportConversationCommand(services: Services): InkwellCommand<ArgumentsOf<typeof exportArguments>> {
  return {
    id: 'inkwell.chat.exportConversation',
    args: exportArguments,
    run: (args) =>
      services.chat.exportConversation(args?.target, { confirmed: args?.confirmed === true, overwrite: args?.overwrite === true }),
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
