import { readConfig } from '../settings/config';
import { builtinTasks, outputModes, summaryForms, summaryLengths, summaryStyle } from '../prompts/tasks';
import { commandArguments, oneOf, type ArgumentsOf } from './commandArguments';
import { runTask } from './runTask';
import type { CommandResult, InkwellCommand, Services } from './services';

/** Arguments of `inkwell.summarize` and `inkwell.summarizeWithOptions`: `{ length, form, output }`. */
export const summarizeArguments = commandArguments({
  length: oneOf(summaryLengths),
  form: oneOf(summaryForms),
  output: oneOf(outputModes),
});

/** Anything left out comes from the settings. */
export type SummarizeOptions = ArgumentsOf<typeof summarizeArguments>;

export function summarizeWith(services: Services, options: SummarizeOptions = {}): Promise<CommandResult> {
  const config = readConfig();
  return runTask(services, {
    task: builtinTasks.summarize,
    variables: summaryStyle(options.length ?? config.summaryLength, options.form ?? config.summaryForm),
    output: options.output,
    progressTitle: 'Summarizing…',
  });
}

/** "Inkwell: Summarize Selection": one keystroke, settings' length and form, no dialog. */
export function summarizeCommand(services: Services): InkwellCommand<SummarizeOptions> {
  return {
    id: 'inkwell.summarize',
    args: summarizeArguments,
    run: (options) => summarizeWith(services, options),
  };
}
