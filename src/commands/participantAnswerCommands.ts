import { isProtocolId } from '../shared/protocol';
import { commandArguments, required, rule, type ArgumentsOf } from './commandArguments';
import type { InkwellCommand, Services } from './services';

const exchangeId = required(rule('the id of an @inkwell answer', (value) => (isProtocolId(value) ? { value } : undefined)));

/** `{ exchange }`: the answer the button sits under, as `@inkwell` passes it. */
const answerArguments = commandArguments({ exchange: exchangeId }, ['exchange']);

type AnswerArgs = ArgumentsOf<typeof answerArguments>;

/** A button under an `@inkwell` answer; without the answer's id there is nothing to act on. */
function answerCommand(id: string, act: (exchange: string) => Thenable<unknown>): InkwellCommand<AnswerArgs> {
  return {
    id,
    args: answerArguments,
    run: (args) =>
      args ? act(args.exchange) : Promise.resolve({ status: 'noInput', message: 'Inkwell: use the button under an @inkwell answer.' }),
  };
}

/** Insert at Cursor, Review as Replacement and Continue in Inkwell Chat under an `@inkwell` answer in VS Code's chat view. */
export function participantAnswerCommands(services: Services): InkwellCommand[] {
  return [
    answerCommand('inkwell.participant.insertAnswer', (exchange) => services.participant.insertAnswer(exchange)),
    answerCommand('inkwell.participant.reviewAnswer', (exchange) => services.participant.reviewAnswer(exchange)),
    answerCommand('inkwell.participant.continueInChat', (exchange) => services.participant.continueInChat(exchange)),
  ];
}
