import { builtinTasks } from '../prompts/tasks';
import { rememberedPick } from './rememberedPick';
import { runTask } from './runTask';
import type { InkwellCommand, Services } from './services';
import { alternativeArg, outputArg } from './simpleTaskCommands';

const tones = ['professional', 'casual', 'friendly', 'confident', 'academic'];

/** "Change Tone": `inkwell.changeTone` with a tone (string or `{ tone }`) skips the question. */
export function changeToneCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.changeTone',
    async run(arg?: unknown) {
      const given = typeof arg === 'string' ? arg : (arg as { tone?: string } | undefined)?.tone;
      const tone = given ?? (await rememberedPick(services.context, 'inkwell.lastTone', 'Inkwell: Change Tone', tones.map((label) => ({ label })), 'Pick a tone, or type your own (e.g. "warm but brief")'));
      if (!tone) return { status: 'cancelled' };
      return runTask(services, { task: builtinTasks.changeTone, variables: { tone }, progressTitle: `Rewriting in a ${tone} tone…`, output: outputArg(arg), alternative: alternativeArg(arg) });
    },
  };
}
