/**
 * Facts about model families that change how a request must be shaped.
 * Kept as data so that adding a family is one line.
 */

/** OpenAI reasoning models reject `max_tokens` and any non-default temperature. */
const reasoningModelPattern = /^(o\d|gpt-5)([-.].*)?$/i;

export function isReasoningModel(model: string): boolean {
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  return reasoningModelPattern.test(bare);
}

/** How the output-token limit is sent: `auto` picks by model family. */
export type TokenLimitParameter = 'auto' | 'max_tokens' | 'max_completion_tokens';

export function tokenLimitParameterFor(model: string, setting: TokenLimitParameter): 'max_tokens' | 'max_completion_tokens' {
  if (setting !== 'auto') return setting;
  return isReasoningModel(model) ? 'max_completion_tokens' : 'max_tokens';
}

/** Context windows (input + output tokens) of common models, matched by prefix, longest first. */
const contextWindows: ReadonlyArray<readonly [prefix: string, tokens: number]> = (
  [
    ['gpt-4.1', 1_047_576],
    ['gpt-4o', 128_000],
    ['gpt-4-turbo', 128_000],
    ['gpt-4', 8_192],
    ['gpt-3.5-turbo', 16_385],
    ['gpt-5', 400_000],
    ['o1-mini', 128_000],
    ['o1', 200_000],
    ['o3', 200_000],
    ['o4-mini', 200_000],
    ['deepseek', 128_000],
    ['qwen-long', 10_000_000],
    ['qwen', 131_072],
    ['moonshot-v1-8k', 8_192],
    ['moonshot-v1-32k', 32_768],
    ['moonshot-v1-128k', 131_072],
    ['kimi', 131_072],
    ['glm-4', 128_000],
    ['llama3', 8_192],
    ['claude', 200_000],
    ['gemini', 1_000_000],
  ] as Array<[string, number]>
).sort((a, b) => b[0].length - a[0].length);

/** Context window of a model when known; otherwise a conservative default that suits small local models. */
export function contextWindowFor(model: string, override?: number): number {
  if (override && override > 0) return override;
  const bare = (model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model).toLowerCase();
  return contextWindows.find(([prefix]) => bare.startsWith(prefix))?.[1] ?? 8_192;
}
