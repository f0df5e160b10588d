import * as vscode from 'vscode';
import { askModal } from '../consent/scriptedConfirmation';
import { commandArguments, flag, type ArgumentsOf } from './commandArguments';
import type { CommandResult, InkwellCommand, Services } from './services';

/** What "Delete All Chat History" resolves with: how many chats were removed, and from which folder. */
export interface DeleteChatHistoryResult extends CommandResult {
  removed?: number;
  directory?: string;
}

const deleteChatHistoryArguments = commandArguments({ confirmed: flag });

/**
 * "Inkwell: Delete All Chat History": removes every saved chat and the files
 * attached to it. Asks in a modal first, unless called with `{ confirmed: true }`.
 */
export function deleteChatHistoryCommand(services: Services): InkwellCommand<ArgumentsOf<typeof deleteChatHistoryArguments>> {
  return {
    id: 'inkwell.chat.deleteAllHistory',
    args: deleteChatHistoryArguments,
    run: async (args): Promise<DeleteChatHistoryResult> => {
      const allowed =
        args?.confirmed === true ||
        (await askModal(
          vscode.l10n.t('Delete all chat history?'),
          vscode.l10n.t(
            'Every saved chat, with the text of the files and selections attached to it, is removed from this computer. This cannot be undone.',
          ),
          'Delete All',
        ));
      if (!allowed) return { status: 'cancelled' };
      const { removed, directory } = await services.chat.deleteAllHistory();
      const message = `Inkwell: deleted ${removed === 1 ? '1 saved chat' : `${removed} saved chats`}.`;
      void vscode.window.showInformationMessage(message);
      return { status: 'done', message, removed, directory };
    },
  };
}
