import * as vscode from 'vscode';
import type { GenerationService } from '../generation/generationService';
import type { TokenCounter } from '../generation/tokenCounter';
import { estimateTokens } from '../generation/tokenEstimate';
import { runWritingPlan } from '../pipeline/runWritingPlan';
import { partBudget, planLimits, planWriting, type GenerateOne } from '../pipeline/writingPlan';
import { resolveAnswerLanguage } from '../prompts/answerLanguage';
import type { SlashRun, SlashSettings } from '../prompts/chatPrompt';
import { readConfig } from '../settings/config';
import type { ProducedAnswer } from './chatTurn';

/** The settings a slash command's prompt reads, as the editor commands read them. */
export function slashSettings(): SlashSettings {
  const config = readConfig();
  return {
    answerLanguage: resolveAnswerLanguage(config.answerLanguage, vscode.env.language),
    summaryLength: config.summaryLength,
    summaryForm: config.summaryForm,
  };
}

export interface SlashAnswerDeps {
  generation: GenerationService;
  /** The exact tokenizer when there is one; the estimate otherwise. */
  tokens?: TokenCounter;
}

/**
 * A slash command's answer, planned as its editor command is, for Inkwell's
 * chat panel and for @inkwell alike: a text over the model's budget is split
 * (a summary from part summaries, a rewrite part by part), and a code fence
 * wrapped around the answer is dropped.
 */
export async function writeSlashAnswer(
  deps: SlashAnswerDeps,
  writing: SlashRun,
  signal: AbortSignal,
  onDelta: (text: string) => void,
  onProgress: (message: string) => void = () => undefined,
): Promise<ProducedAnswer> {
  const config = readConfig();
  const limits = planLimits(config);
  const countTokens = deps.tokens?.forModel(config.model, writing.text, partBudget(writing.task, limits)) ?? estimateTokens;
  const plan = planWriting(writing, { ...limits, countTokens, alternatives: 1 });
  let text = '';
  let last: ProducedAnswer | undefined;
  const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  let everyUsage = true;
  const generate: GenerateOne = async (messages, onPart) => {
    const outcome = await deps.generation.generate(
      { messages, temperature: writing.task.temperature ?? config.temperature, maxOutputTokens: config.maxTokens, signal },
      onPart ?? (() => undefined),
    );
    last = outcome;
    everyUsage &&= outcome.usage !== undefined;
    usage.promptTokens += outcome.usage?.promptTokens ?? 0;
    usage.completionTokens += outcome.usage?.completionTokens ?? 0;
    usage.totalTokens += outcome.usage?.totalTokens ?? 0;
    return outcome.text;
  };
  await runWritingPlan(plan, writing, {
    generate,
    onDelta: (delta) => {
      text += delta;
      onDelta(delta);
    },
    onProgress,
    concurrency: config.maxConcurrentRequests,
  });
  // Usage is reported only when every request reported it: a partial sum would mislead.
  return { text, model: last?.model, usage: everyUsage ? usage : undefined };
}
