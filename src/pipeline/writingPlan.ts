import { contextWindowFor } from '../generation/modelFamilies';
import { splitText } from '../generation/textSplitter';
import { inputBudget } from '../generation/tokenEstimate';
import type { ChatMessage } from '../generation/types';
import type { WritingTask } from '../prompts/tasks';

/** One writing run as every caller describes it: a task, the text it works on, and the task's variables. */
export interface WritingRun {
  task: WritingTask;
  text: string;
  /** Values for the task's `{{placeholders}}`. */
  variables: Record<string, string>;
  answerLanguage: string;
}

/** What one request may carry and cost, from the model and the settings. */
export interface PlanLimits {
  /** Tokens of text one request may carry (the context window less the answer and the prompt). */
  inputBudget: number;
  /** `inkwell.maxTokens`: the longest answer one request may give. */
  maxOutputTokens: number;
  /** Counts tokens the way the model does (exact for OpenAI models, else an estimate). */
  countTokens: (text: string) => number;
  /** Candidates to offer for a rewrite that replaces its text (`inkwell.alternatives`); 1 for none. */
  alternatives: number;
}

/** The settings the limits follow from: `inkwell.model`, `inkwell.contextWindow` (0 for the model's own) and `inkwell.maxTokens`. */
export interface LimitSettings {
  model: string;
  contextWindow: number;
  maxTokens: number;
}

/** What one request may carry and answer with these settings, the same for every command and the chat. */
export function planLimits(settings: LimitSettings): Pick<PlanLimits, 'inputBudget' | 'maxOutputTokens'> {
  return {
    inputBudget: inputBudget(contextWindowFor(settings.model, settings.contextWindow), settings.maxTokens),
    maxOutputTokens: settings.maxTokens,
  };
}

/**
 * What the planner decided: one request; the text in parts (summarized
 * map-reduce, or rewritten part by part); or candidates to choose from.
 */
export type WritingPlan =
  | { kind: 'oneRequest' }
  | { kind: 'summarizeInParts'; parts: string[] }
  | { kind: 'rewriteInParts'; parts: string[] }
  | { kind: 'alternatives'; count: number };

/** Sends one request and streams its answer to `onDelta` (when given); resolves with the whole answer. */
export type GenerateOne = (messages: ChatMessage[], onDelta?: (text: string) => void) => Promise<string>;

/**
 * A rewrite's answer is about as long as its text, so each part must leave
 * room for it in the answer limit: a part is at most this share of
 * `maxOutputTokens`. "Longer" doubles its text, so its parts are smaller.
 */
export const rewriteOutputShare = 0.8;
export const longerOutputShare = 0.4;

/** Tokens of text one part of `task` may carry. */
export function partBudget(task: WritingTask, limits: Pick<PlanLimits, 'inputBudget' | 'maxOutputTokens'>): number {
  if (task.kind !== 'rewrite') return limits.inputBudget;
  const share = task.id === 'longer' ? longerOutputShare : rewriteOutputShare;
  return Math.min(limits.inputBudget, Math.floor(limits.maxOutputTokens * share));
}

/**
 * Decides how a run reaches the model. A text over its part budget is split:
 * a summary is made of part summaries, a rewrite is written part by part,
 * and any other task (it answers about the whole text) goes as one request.
 * Alternatives are only for a rewrite that fits in one request.
 */
export function planWriting(run: WritingRun, limits: PlanLimits): WritingPlan {
  const budget = partBudget(run.task, limits);
  const long = limits.countTokens(run.text) > budget;
  if (long && run.task.id === 'summarize') return { kind: 'summarizeInParts', parts: splitText(run.text, budget, limits.countTokens) };
  if (long && run.task.kind === 'rewrite') return { kind: 'rewriteInParts', parts: splitText(run.text, budget, limits.countTokens) };
  if (limits.alternatives > 1 && run.task.kind === 'rewrite') return { kind: 'alternatives', count: limits.alternatives };
  return { kind: 'oneRequest' };
}
