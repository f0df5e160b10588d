import * as vscode from 'vscode';
import type { CommandResult, InkwellCommand, Services } from './services';

/** What "Delete All Chat History" resolves with: how many chats were removed, and from which folder. */
export interface DeleteChatHistoryResult extends CommandResult {
  removed?: number;
  directory?: string;
}

function isConfirmed(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { confirmed?: unknown }).confirmed === true;
}

/**
 * "Inkwell: Delete All Chat History": removes every saved chat and the files
 * attached to it. Asks in a modal first, unless called with `{ confirmed: true }`.
 */
export function deleteChatHistoryCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.chat.deleteAllHistory',
    run: async (arg?: unknown): Promise<DeleteChatHistoryResult> => {
      if (!isConfirmed(arg)) {
        const choice = await vscode.window.showWarningMessage(
          'Delete all chat history?',
          { modal: true, detail: 'Every saved chat, with the text of the files and selections attached to it, is removed from this computer. This cannot be undone.' },
          'Delete All',
        );
        if (choice !== 'Delete All') return { status: 'cancelled' };
      }
      const { removed, directory } = await services.chat.deleteAllHistory();
      const message = `Inkwell: deleted ${removed === 1 ? '1 saved chat' : `${removed} saved chats`}.`;
      void vscode.window.showInformationMessage(message);
      return { status: 'done', message, removed, directory };
    },
  };
}
