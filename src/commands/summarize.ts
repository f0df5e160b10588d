import { readConfig } from '../settings/config';
import { builtinTasks, summaryStyle, type OutputMode, type SummaryForm, type SummaryLength } from '../prompts/tasks';
import { runTask } from './runTask';
import type { CommandResult, InkwellCommand, Services } from './services';

/** Arguments of `inkwell.summarize`; anything left out comes from the settings. */
export interface SummarizeOptions {
  length?: SummaryLength;
  form?: SummaryForm;
  output?: OutputMode;
}

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
export function summarizeCommand(services: Services): InkwellCommand {
  return {
    id: 'inkwell.summarize',
    run: (options?: unknown) => summarizeWith(services, isOptions(options) ? options : {}),
  };
}

function isOptions(value: unknown): value is SummarizeOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('scheme' in value);
}
