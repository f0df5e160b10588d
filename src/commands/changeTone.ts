import * as vscode from 'vscode';
import { builtinTasks } from '../prompts/tasks';
import { commandArguments, text, type ArgumentsOf } from './commandArguments';
import { rememberedPick } from './rememberedPick';
import { runTask, taskRunFields } from './runTask';
import type { InkwellCommand, Services } from './services';

const tones = ['professional', 'casual', 'friendly', 'confident', 'academic'];

/** A tone alone, or `{ tone, output, alternative }`. */
const changeToneArguments = commandArguments({ tone: text, ...taskRunFields }, ['tone']);

/** "Change Tone": `inkwell.changeTone` with a tone (string or `{ tone }`) skips the question. */
export function changeToneCommand(services: Services): InkwellCommand<ArgumentsOf<typeof changeToneArguments>> {
  return {
    id: 'inkwell.changeTone',
    args: changeToneArguments,
    async run(args) {
      const tone =
        args?.tone ??
        (await rememberedPick(
          services.context,
          'inkwell.lastTone',
          'Inkwell: Change Tone',
          tones.map((label) => ({ label })),
          vscode.l10n.t('Pick a tone, or type your own (e.g. "warm but brief")'),
        ));
      if (!tone) return { status: 'cancelled' };
      return runTask(services, {
        task: builtinTasks.changeTone,
        variables: { tone },
        progressTitle: vscode.l10n.t('Rewriting in a {0} tone…', tone),
        output: args?.output,
        alternative: args?.alternative,
      });
    },
  };
}
