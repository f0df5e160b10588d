import { builtinTasks, type BuiltinTaskId } from '../prompts/tasks';
import { commandArguments, type ArgumentsOf } from './commandArguments';
import { runTask, taskRunFields } from './runTask';
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

/** `{ output, alternative }`. */
const simpleTaskArguments = commandArguments(taskRunFields);

/** "Improve Writing", "Fix Spelling and Grammar", "Make Shorter", "Make Longer", "Explain", "Outline". */
export function simpleTaskCommands(services: Services): Array<InkwellCommand<ArgumentsOf<typeof simpleTaskArguments>>> {
  return simpleTasks.map(({ id, progress }) => ({
    id: `inkwell.${id}`,
    args: simpleTaskArguments,
    run: (args) => runTask(services, { task: builtinTasks[id], progressTitle: progress, ...args }),
  }));
}
