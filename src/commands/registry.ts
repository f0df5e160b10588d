import * as vscode from 'vscode';
import { secretAnswerArg, secretAnswers, withSecretAnswer } from '../consent/secretGuard';
import { clearApiKeyCommand, setApiKeyCommand } from './apiKeyCommands';
import { changeToneCommand } from './changeTone';
import { chatCommands } from './chatCommands';
import { chooseProviderCommand } from './chooseProvider';
import { noArguments, oneOf } from './commandArguments';
import { continueWritingCommand } from './continueWriting';
import { deleteChatHistoryCommand } from './deleteChatHistory';
import { draftArticleCommand } from './draftArticle';
import { editWithInstructionCommand } from './editWithInstruction';
import { findLocalModelsCommand } from './findLocalModels';
import { openSampleCommand } from './openSample';
import { participantAnswerCommands } from './participantAnswerCommands';
import { acceptReviewCommand, rejectReviewCommand, usePartialCommand } from './reviewCommands';
import { runPromptCommand } from './runPrompt';
import type { CommandResult, InkwellCommand, Services } from './services';
import { cancelCommand, showLogCommand } from './smallCommands';
import { simpleTaskCommands } from './simpleTaskCommands';
import { summarizeCommand } from './summarize';
import { summarizeWithOptionsCommand } from './summarizeWithOptions';
import { switchProfileCommand } from './switchProfile';
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
    switchProfileCommand(services),
    testConnectionCommand(services),
    findLocalModelsCommand(services),
    openSampleCommand(services),
    cancelCommand(services),
    showLogCommand(services),
    ...chatCommands(services),
    deleteChatHistoryCommand(services),
    ...participantAnswerCommands(services),
  ];
}

/** Fields every command takes: the secret guard reads them, wherever they are passed. */
const sharedFields = { secrets: oneOf(secretAnswers) };

/**
 * Registers the commands; errors no command anticipated are logged and shown,
 * never swallowed. Arguments are checked first: one of the wrong shape
 * resolves with `badArgument` and nothing runs. A `{ secrets: 'send' |
 * 'remove' | 'cancel' }` argument answers the secret guard's question for
 * every request the command makes.
 */
export function registerCommands(services: Services): void {
  for (const command of allCommands(services)) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
        const reading = (command.args ?? noArguments).read(args, sharedFields);
        if (!reading.ok) return badArgument(services, command.id, reading.problem);
        try {
          return await withSecretAnswer(secretAnswerArg(args), () => command.run(reading.value));
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

/** A script or keybinding passed what the command cannot take: said plainly, without a modal, and nothing is sent. */
function badArgument(services: Services, id: string, problem: string): CommandResult {
  const message = `Inkwell: ${commandTitle(services, id)}: ${problem}`;
  services.log.warn(`${id} refused its argument: ${problem}`);
  void vscode.window.showErrorMessage(message);
  return { status: 'error', category: 'badArgument', message };
}

/**
 * The title the Command Palette shows, without its "…". In a display language
 * other than English, VS Code hands over a translated title as
 * `{ value, original }` so the palette can match both.
 */
function commandTitle(services: Services, id: string): string {
  type Title = string | { value: string; original: string };
  const contributed = (services.context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string; title: Title }> } })
    .contributes?.commands;
  const title = contributed?.find((entry) => entry.command === id)?.title;
  return (typeof title === 'string' ? title : title?.value)?.replace(/…$/, '') ?? id;
}
