import * as l10n from '@vscode/l10n';
import { mapWithConcurrency } from '../generation/concurrency';
import { WrappingFenceFilter } from '../prompts/answerCleanup';
import { builtinTasks, buildTaskMessages } from '../prompts/tasks';
import type { GenerateOne, WritingRun } from './writingPlan';

/** How the parts of a long text are sent, and where the answer and the progress go. */
export interface PartedRun extends WritingRun {
  parts: readonly string[];
  /** Requests at once, at most (`inkwell.maxConcurrentRequests`). */
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
export async function summarizeInParts(run: PartedRun): Promise<number> {
  const { parts } = run;
  let finished = 0;
  run.onProgress(l10n.t('summarizing {0} parts…', parts.length));
  const summaries = await mapWithConcurrency([...parts], run.concurrency, async (part, index) => {
    const summary = await run.generate(
      buildTaskMessages(builtinTasks.summarizePart, {
        text: part,
        answerLanguage: run.answerLanguage,
        variables: { part: String(index + 1), parts: String(parts.length) },
      }),
    );
    finished++;
    run.onProgress(l10n.t('part {0} of {1} summarized', finished, parts.length));
    return summary.trim();
  });
  run.onProgress(l10n.t('combining the parts…'));
  const combined = summaries.map((summary, index) => `Part ${index + 1}:\n${summary}`).join('\n\n');
  // Languages are judged on the original, not on the part summaries.
  await run.generate(
    buildTaskMessages(builtinTasks.combineSummaries, { text: combined, answerLanguage: run.answerLanguage, variables: run.variables }),
    run.onDelta,
  );
  return parts.length + 1;
}

/**
 * Rewrites a text too long for one request part by part, in order, each
 * streaming on from the last, so the review fills as it goes. The white
 * space between parts is the original's: models drop it at the end of answers.
 */
export async function rewriteInParts(run: PartedRun): Promise<number> {
  const { parts } = run;
  for (const [index, part] of parts.entries()) {
    run.onProgress(l10n.t('part {0} of {1}', index + 1, parts.length));
    const filter = new WrappingFenceFilter(startsWithFence(part));
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
    await run.generate(buildTaskMessages(run.task, { text: part, answerLanguage: run.answerLanguage, variables: run.variables }), (delta) =>
      forward(filter.push(delta)),
    );
    forward(filter.end());
    run.onDelta(part.match(/\s*$/)![0]);
  }
  return parts.length;
}

/** The writer's own text opens with a code fence: then a fence at the start of the answer is content, not wrapping. */
export function startsWithFence(text: string): boolean {
  return /^\s*(```|~~~)/.test(text);
}
