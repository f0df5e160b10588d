import { builtinTasks, outputModes, type BuiltinTaskId, type OutputMode } from '../prompts/tasks';
import { runTask } from './runTask';
import type { InkwellCommand, Services } from './services';

/** Tasks that need no answer from the user: one keystroke, straight to work. */
const simpleTasks: Array<{ id: BuiltinTaskId; progress: string }> = [
  { id: 'improve', progress: 'Improving…' },
  { id: 'fixGrammar', progress: 'Fixing spelling and grammar…' },
  { id: 'shorter', progress: 'Shortening…' },
  { id: 'longer', progress: 'Expanding…' },
  { id: 'explain', progress: 'Explaining…' },
  { id: 'outline', progress: 'Outlining…' },
];

/** The optional `{ output }` argument every writing command accepts. */
export function outputArg(value: unknown): OutputMode | undefined {
  const output = typeof value === 'object' && value !== null ? (value as { output?: unknown }).output : undefined;
  return outputModes.includes(output as OutputMode) ? (output as OutputMode) : undefined;
}

/** The optional `{ alternative }` argument: which candidate to take when `inkwell.alternatives` > 1. */
export function alternativeArg(value: unknown): number | undefined {
  const alternative = typeof value === 'object' && value !== null ? (value as { alternative?: unknown }).alternative : undefined;
  return typeof alternative === 'number' ? alternative : undefined;
}

/** "Improve Writing", "Fix Spelling and Grammar", "Make Shorter", "Make Longer", "Explain", "Outline". */
export function simpleTaskCommands(services: Services): InkwellCommand[] {
  return simpleTasks.map(({ id, progress }) => ({
    id: `inkwell.${id}`,
    run: (arg?: unknown) => runTask(services, { task: builtinTasks[id], progressTitle: progress, output: outputArg(arg), alternative: alternativeArg(arg) }),
  }));
}
