import { mapWithConcurrency } from '../generation/concurrency';
import { splitText } from '../generation/textSplitter';
import type { ChatMessage } from '../generation/types';
import { WrappingFenceFilter } from '../prompts/answerCleanup';
import { builtinTasks, buildTaskMessages, type WritingTask } from '../prompts/tasks';

/** Sends one request and streams its answer to `onDelta` (when given); resolves with the whole answer. */
export type GenerateOne = (messages: ChatMessage[], onDelta?: (text: string) => void) => Promise<string>;

export interface LongInputRun {
  text: string;
  task: WritingTask;
  variables: Record<string, string>;
  answerLanguage: string;
  /** Tokens of text one request may carry. */
  budget: number;
  /** Counts tokens the way the model does (exact for OpenAI models, else an estimate). */
  countTokens: (text: string) => number;
  concurrency: number;
  generate: GenerateOne;
  /** "part k of n" progress. */
  onProgress: (message: string) => void;
  /** Receives the final answer's text as it streams. */
  onDelta: (text: string) => void;
}

/**
 * Summarizes a text too long for one request: the parts are summarized
 * concurrently (never more than `concurrency` at once), then one request
 * combines the part summaries, streaming as usual. Each part retries on its
 * own (the SDK retries a 429 for that request only).
 */
export async function summarizeInParts(run: LongInputRun): Promise<number> {
  const parts = splitText(run.text, run.budget, run.countTokens);
  let finished = 0;
  run.onProgress(`summarizing ${parts.length} parts…`);
  const summaries = await mapWithConcurrency(parts, run.concurrency, async (part, index) => {
    const summary = await run.generate(
      buildTaskMessages(builtinTasks.summarizePart, { text: part, answerLanguage: run.answerLanguage, variables: { part: String(index + 1), parts: String(parts.length) } }),
    );
    finished++;
    run.onProgress(`part ${finished} of ${parts.length} summarized`);
    return summary.trim();
  });
  run.onProgress('combining the parts…');
  const combined = summaries.map((summary, index) => `Part ${index + 1}:\n${summary}`).join('\n\n');
  // Languages are judged on the original, not on the part summaries.
  const answerLanguage = run.answerLanguage;
  await run.generate(buildTaskMessages(builtinTasks.combineSummaries, { text: combined, answerLanguage, variables: run.variables }), run.onDelta);
  return parts.length + 1;
}

/**
 * Rewrites a text too long for one request part by part, in order, each
 * streaming on from the last, so the review fills as it goes. The white
 * space between parts is the original's: models drop it at the end of answers.
 */
export async function rewriteInParts(run: LongInputRun): Promise<number> {
  const parts = splitText(run.text, run.budget, run.countTokens);
  for (const [index, part] of parts.entries()) {
    run.onProgress(`part ${index + 1} of ${parts.length}`);
    const filter = new WrappingFenceFilter(/^\s*(```|~~~)/.test(part));
    let pendingSpace = '';
    const forward = (text: string) => {
      if (!text) return;
      // Hold trailing white space back: the part's own trailing space replaces it at the end.
      const body = text.replace(/\s+$/, '');
      if (!body) {
        pendingSpace += text;
        return;
      }
      run.onDelta(pendingSpace + body);
      pendingSpace = text.slice(body.length);
    };
    await run.generate(buildTaskMessages(run.task, { text: part, answerLanguage: run.answerLanguage, variables: run.variables }), (delta) => forward(filter.push(delta)));
    forward(filter.end());
    run.onDelta(part.match(/\s*$/)![0]);
  }
  return parts.length;
}
