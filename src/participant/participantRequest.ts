import { actionCommands, fixActionsFor } from '../shared/errorActions';
import { slashCommandList } from '../shared/slashCommands';

/**
 * What `@inkwell` in VS Code's chat view makes of a request, and the buttons
 * it answers with, as data: no `vscode` import, so it runs in plain Node.
 */

/** The participant's id and name, as package.json declares them under `contributes.chatParticipants`. */
export const participantId = 'inkwell.writer';
export const participantName = 'inkwell';

/** A button under an answer: the command it runs, with its arguments. */
export interface AnswerButton {
  title: string;
  command: string;
  arguments: unknown[];
}

/**
 * The request as Inkwell's own chat would have it typed: VS Code parses
 * `@inkwell /translate German` into the command and the rest, the panel's
 * parser expects `/translate German`. A command that is not one of Inkwell's
 * stays out, so the request is answered as a plain question.
 */
export function typedRequest(command: string | undefined, prompt: string): string {
  const known = command !== undefined && slashCommandList.some((entry) => entry.name === command);
  if (!known) return prompt;
  return prompt.trim() ? `/${command} ${prompt.trimStart()}` : `/${command}`;
}

/** What the user is told when a slash command has nothing to work on; the panel's words, for this view's ways to give text. */
export const noTextMessage =
  'There is no text for that command: select some text in the editor, attach a file or selection with #, write it after the command, or ask something first.';

export const emptyRequestMessage = 'Type a question, or a command such as /summarize with some text selected in the editor.';

/** The fix buttons for a failure: the same ones, running the same commands, as the editor notifications and the panel offer. */
export function failureButtons(category: string | undefined): AnswerButton[] {
  return fixActionsFor(category).map((title) => {
    const [command, ...args] = actionCommands[title];
    return { title, command, arguments: args };
  });
}

/** The commands under a finished answer; each takes the exchange's id. */
export const answerCommands = {
  insert: 'inkwell.participant.insertAnswer',
  review: 'inkwell.participant.reviewAnswer',
  continueInChat: 'inkwell.participant.continueInChat',
} as const;

/** Insert, Review as replacement, Continue in Inkwell's chat: the buttons under a finished answer. */
export function answerButtons(exchange: string): AnswerButton[] {
  const args = [{ exchange }];
  return [
    { title: 'Insert at Cursor', command: answerCommands.insert, arguments: args },
    { title: 'Review as Replacement', command: answerCommands.review, arguments: args },
    { title: 'Continue in Inkwell Chat', command: answerCommands.continueInChat, arguments: args },
  ];
}

/**
 * The last exchanges, by id, so a button can still act on its answer. Only
 * the newest `capacity` are kept: a button under an older one says so.
 */
export class RecentExchanges<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  remember(id: string, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  recall(id: string): T | undefined {
    return this.entries.get(id);
  }
}
