import { GenerationError } from '../generation/errors';
import type { ChatMessage } from '../generation/types';
import { WrappingFenceFilter } from '../prompts/answerCleanup';
import { buildTaskMessages } from '../prompts/tasks';
import { rewriteInParts, startsWithFence, summarizeInParts } from './partedWriting';
import type { GenerateOne, WritingPlan, WritingRun } from './writingPlan';

/** What carrying out a plan needs from its caller: the model, the sink and, for alternatives, the choice. */
export interface PlanHooks {
  generate: GenerateOne;
  /** Receives the answer as it streams; on a failure it has received everything that arrived. */
  onDelta: (text: string) => void;
  onProgress: (message: string) => void;
  concurrency: number;
  /** Asks for candidates and returns the chosen one, or undefined when the writer chose none. */
  chooseAlternative?: (messages: ChatMessage[], count: number, keepLeadingFence: boolean) => Promise<string | undefined>;
}

/**
 * Carries out a plan, streaming the cleaned answer to `onDelta`. A wrapping
 * code fence the model added is dropped; text the fence filter still holds
 * when a request fails is passed on before the failure, so a partial answer
 * is never shorter than what arrived.
 */
export async function runWritingPlan(plan: WritingPlan, run: WritingRun, hooks: PlanHooks): Promise<void> {
  switch (plan.kind) {
    case 'summarizeInParts':
      await summarizeInParts({ ...run, ...hooks, parts: plan.parts });
      return;
    case 'rewriteInParts':
      await rewriteInParts({ ...run, ...hooks, parts: plan.parts });
      return;
    case 'alternatives': {
      if (!hooks.chooseAlternative) throw new Error('A plan with alternatives needs a way to choose one.');
      const chosen = await hooks.chooseAlternative(buildTaskMessages(run.task, run), plan.count, startsWithFence(run.text));
      if (chosen === undefined) throw new GenerationError('cancelled', 'Cancelled.');
      hooks.onDelta(chosen);
      return;
    }
    case 'oneRequest':
      await streamUnwrapped(hooks.generate, buildTaskMessages(run.task, run), hooks.onDelta, startsWithFence(run.text));
  }
}

/**
 * Streams one answer to `onDelta` without a code fence the model wrapped
 * around all of it. When the request fails, what the filter still holds is
 * passed on before the failure, so a partial answer is never shorter than
 * what arrived.
 */
export async function streamUnwrapped(
  generate: GenerateOne,
  messages: ChatMessage[],
  onDelta: (text: string) => void,
  keepLeadingFence: boolean,
): Promise<void> {
  const filter = new WrappingFenceFilter(keepLeadingFence);
  try {
    await generate(messages, (delta) => onDelta(filter.push(delta)));
  } finally {
    onDelta(filter.end());
  }
}
