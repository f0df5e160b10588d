import * as vscode from 'vscode';
import { secretAnswerArg, withSecretAnswer } from '../consent/secretGuard';
import { clearApiKeyCommand, setApiKeyCommand } from './apiKeyCommands';
import { changeToneCommand } from './changeTone';
import { chatCommands } from './chatCommands';
import { chooseProviderCommand } from './chooseProvider';
import { continueWritingCommand } from './continueWriting';
import { deleteChatHistoryCommand } from './deleteChatHistory';
import { draftArticleCommand } from './draftArticle';
import { editWithInstructionCommand } from './editWithInstruction';
import { findLocalModelsCommand } from './findLocalModels';
import { openSampleCommand } from './openSample';
import { acceptReviewCommand, rejectReviewCommand, usePartialCommand } from './reviewCommands';
import { runPromptCommand } from './runPrompt';
import type { InkwellCommand, Services } from './services';
import { cancelCommand, showLogCommand } from './smallCommands';
import { simpleTaskCommands } from './simpleTaskCommands';
import { summarizeCommand } from './summarize';
import { summarizeWithOptionsCommand } from './summarizeWithOptions';
import { testConnectionCommand } from './testConnection';
import { trackedChangeCommands } from './trackedChangeCommands';
import { translateCommand } from './translate';

/** Every command Inkwell registers; a test checks this list against package.json both ways. */
export function allCommands(services: Services): InkwellCommand[] {
  return [
    summarizeCommand(services),
    summarizeWithOptionsCommand(services),
    ...simpleTaskCommands(services),
    changeToneCommand(services),
    translateCommand(services),
    continueWritingCommand(services),
    draftArticleCommand(services),
    editWithInstructionCommand(services),
    runPromptCommand(services),
    acceptReviewCommand(services),
    rejectReviewCommand(services),
    usePartialCommand(services),
    ...trackedChangeCommands(services),
    setApiKeyCommand(services),
    clearApiKeyCommand(services),
    chooseProviderCommand(services),
    testConnectionCommand(services),
    findLocalModelsCommand(services),
    openSampleCommand(services),
    cancelCommand(services),
    showLogCommand(services),
    ...chatCommands(services),
    deleteChatHistoryCommand(services),
  ];
}

/**
 * Registers the commands; errors no command anticipated are logged and shown,
 * never swallowed. A `{ secrets: 'send' | 'remove' | 'cancel' }` argument
 * answers the secret guard's question for every request the command makes.
 */
export function registerCommands(services: Services): void {
  for (const command of allCommands(services)) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        try {
          return await withSecretAnswer(secretAnswerArg(args), () => command.run(...args));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          services.log.error(`${command.id} failed: ${message}`);
          void vscode.window.showErrorMessage(`Inkwell: ${message}`);
          throw error;
        }
      }),
    );
  }
}
