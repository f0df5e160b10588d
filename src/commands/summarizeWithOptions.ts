import type { SummaryForm, SummaryLength } from '../prompts/tasks';
import { rememberedPick } from './rememberedPick';
import type { InkwellCommand, Services } from './services';
import { summarizeArguments, summarizeWith, type SummarizeOptions } from './summarize';

const lengths: Array<[SummaryLength, string]> = [
  ['oneSentence', 'One sentence'],
  ['short', 'Short'],
  ['detailed', 'Detailed'],
];
const forms: Array<[SummaryForm, string]> = [
  ['paragraph', 'paragraph'],
  ['bullets', 'bullet points'],
  ['tldr', 'TL;DR line'],
];

/** "Summarize with Options…": length and form from a quick pick that remembers the last choice. */
export function summarizeWithOptionsCommand(services: Services): InkwellCommand<SummarizeOptions> {
  return {
    id: 'inkwell.summarizeWithOptions',
    args: summarizeArguments,
    async run(args) {
      if (args) return summarizeWith(services, args);
      const options = lengths.flatMap(([length, lengthLabel]) =>
        forms.map(([form, formLabel]) => ({ label: `${lengthLabel}, ${formLabel}`, value: `${length}/${form}` })),
      );
      const chosen = await rememberedPick(services.context, 'inkwell.lastSummaryStyle', 'Inkwell: Summarize as…', options);
      if (!chosen) return { status: 'cancelled' };
      const [length, form] = chosen.split('/') as [SummaryLength, SummaryForm];
      return summarizeWith(services, { length, form });
    },
  };
}
