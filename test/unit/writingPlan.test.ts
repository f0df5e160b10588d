import * as assert from 'assert';
import { GenerationError } from '../../src/generation/errors';
import { estimateTokens } from '../../src/generation/tokenEstimate';
import type { ChatMessage } from '../../src/generation/types';
import { runWritingPlan, type PlanHooks } from '../../src/pipeline/runWritingPlan';
import { partBudget, planLimits, planWriting, type PlanLimits, type WritingRun } from '../../src/pipeline/writingPlan';
import { builtinTasks, type WritingTask } from '../../src/prompts/tasks';

const paragraph = 'The river runs past the mill and under the old stone bridge, where the children fish on summer evenings.';
const longText = Array.from({ length: 60 }, (_, index) => `${index + 1}. ${paragraph}`).join('\n\n');

function runOf(task: WritingTask, text: string): WritingRun {
  return { task, text, variables: {}, answerLanguage: 'the language of the text' };
}

function limits(overrides: Partial<PlanLimits> = {}): PlanLimits {
  return { inputBudget: 100_000, maxOutputTokens: 4000, countTokens: estimateTokens, alternatives: 1, ...overrides };
}

/** Hooks that answer each request with `answer(messages)`, streamed in two halves, and record what happened. */
function recording(answer: (messages: ChatMessage[]) => string = () => 'An answer.') {
  const requests: ChatMessage[][] = [];
  const progress: string[] = [];
  let streamed = '';
  const hooks: PlanHooks = {
    concurrency: 2,
    onDelta: (text) => (streamed += text),
    onProgress: (message) => progress.push(message),
    generate: async (messages, onDelta) => {
      requests.push(messages);
      const text = answer(messages);
      const half = Math.floor(text.length / 2);
      onDelta?.(text.slice(0, half));
      onDelta?.(text.slice(half));
      return text;
    },
  };
  return { hooks, requests, progress, streamed: () => streamed };
}

describe('The writing planner', () => {
  it('sends a text that fits as one request', () => {
    assert.deepStrictEqual(planWriting(runOf(builtinTasks.summarize, paragraph), limits()), { kind: 'oneRequest' });
  });

  it('splits a summary of a text over the budget into parts, each within it', () => {
    const plan = planWriting(runOf(builtinTasks.summarize, longText), limits({ inputBudget: 400 }));
    assert.strictEqual(plan.kind, 'summarizeInParts');
    if (plan.kind !== 'summarizeInParts') return;
    assert.ok(plan.parts.length > 1, `${plan.parts.length} parts`);
    for (const part of plan.parts) assert.ok(estimateTokens(part) <= 400, `a part of ${estimateTokens(part)} tokens`);
    assert.strictEqual(plan.parts.join(''), longText, 'the parts together are the text');
  });

  it('rewrites in parts a text whose rewrite would not fit the answer limit, although the text fits the request', () => {
    const plan = planWriting(runOf(builtinTasks.improve, longText), limits({ inputBudget: 100_000, maxOutputTokens: 500 }));
    assert.strictEqual(plan.kind, 'rewriteInParts');
  });

  it('gives "longer" parts half the size of other rewrites, since its answer doubles its text', () => {
    const given = { inputBudget: 100_000, maxOutputTokens: 1000 };
    assert.strictEqual(partBudget(builtinTasks.improve, given), 800);
    assert.strictEqual(partBudget(builtinTasks.longer, given), 400);
    assert.strictEqual(partBudget(builtinTasks.explain, given), 100_000, 'a task that answers about the text is held to the request only');
  });

  it('sends a long text for a task that answers about the whole of it as one request', () => {
    assert.deepStrictEqual(planWriting(runOf(builtinTasks.explain, longText), limits({ inputBudget: 400 })), { kind: 'oneRequest' });
  });

  it('leaves a request room for the answer and the prompt within the context window the settings give, or the model’s own', () => {
    assert.deepStrictEqual(planLimits({ model: 'some-local-model', contextWindow: 8000, maxTokens: 1000 }), {
      inputBudget: 8000 - 1000 - 600,
      maxOutputTokens: 1000,
    });
    const own = planLimits({ model: 'gpt-4o-mini', contextWindow: 0, maxTokens: 4096 });
    assert.ok(own.inputBudget > 100_000, `gpt-4o-mini's own window leaves ${own.inputBudget} tokens`);
  });

  it('offers alternatives only for a rewrite that fits in one request', () => {
    assert.deepStrictEqual(planWriting(runOf(builtinTasks.improve, paragraph), limits({ alternatives: 3 })), {
      kind: 'alternatives',
      count: 3,
    });
    assert.deepStrictEqual(planWriting(runOf(builtinTasks.summarize, paragraph), limits({ alternatives: 3 })), { kind: 'oneRequest' });
    assert.strictEqual(
      planWriting(runOf(builtinTasks.improve, longText), limits({ alternatives: 3, maxOutputTokens: 500 })).kind,
      'rewriteInParts',
    );
  });
});

describe('Carrying out a writing plan', () => {
  it('summarizes each part, then streams only the combined summary', async () => {
    const run = runOf(builtinTasks.summarize, longText);
    const plan = planWriting(run, limits({ inputBudget: 400 }));
    const parts = plan.kind === 'summarizeInParts' ? plan.parts.length : 0;
    const recorder = recording((messages) => (messages[1].content.includes('Part 1:') ? 'The combined summary.' : 'A part summary.'));
    await runWritingPlan(plan, run, recorder.hooks);
    assert.strictEqual(recorder.requests.length, parts + 1, 'one request per part, then one to combine');
    assert.strictEqual(recorder.streamed(), 'The combined summary.');
    assert.deepStrictEqual(recorder.progress.slice(-1), ['combining the parts…']);
  });

  it('rewrites part by part in order, keeping the white space between the parts', async () => {
    const run = runOf(builtinTasks.improve, longText);
    const plan = planWriting(run, limits({ maxOutputTokens: 500 }));
    assert.strictEqual(plan.kind, 'rewriteInParts');
    // Each answer is its part upper-cased, without the trailing white space models drop.
    const recorder = recording((messages) => {
      const framed = messages[1].content;
      const part = plan.kind === 'rewriteInParts' ? plan.parts.find((candidate) => framed.includes(candidate.trim()))! : '';
      return part.trim().toUpperCase();
    });
    await runWritingPlan(plan, run, recorder.hooks);
    assert.strictEqual(recorder.streamed(), longText.toUpperCase());
  });

  it('drops a code fence the model wrapped around its answer', async () => {
    const recorder = recording(() => '```markdown\nA better sentence.\n```');
    await runWritingPlan({ kind: 'oneRequest' }, runOf(builtinTasks.improve, paragraph), recorder.hooks);
    assert.strictEqual(recorder.streamed(), 'A better sentence.');
  });

  it("keeps a leading code fence when the writer's own text starts with one", async () => {
    const answer = '```js\nconst x = 1;\n```';
    const recorder = recording(() => answer);
    await runWritingPlan({ kind: 'oneRequest' }, runOf(builtinTasks.improve, '```js\nconst x=1\n```'), recorder.hooks);
    assert.strictEqual(recorder.streamed(), answer);
  });

  it('passes on what the fence filter held before a failure is thrown', async () => {
    let streamed = '';
    const hooks: PlanHooks = {
      concurrency: 1,
      onProgress: () => undefined,
      onDelta: (text) => (streamed += text),
      generate: async (_messages, onDelta) => {
        onDelta?.('```markdown\nHalf a sent');
        throw new GenerationError('network', 'The connection dropped.');
      },
    };
    await assert.rejects(runWritingPlan({ kind: 'oneRequest' }, runOf(builtinTasks.improve, paragraph), hooks), /connection dropped/);
    assert.ok(streamed.includes('Half a sent'), streamed);
  });

  it('takes the chosen alternative, and counts choosing none as cancelled', async () => {
    const recorder = recording();
    const run = runOf(builtinTasks.improve, paragraph);
    await runWritingPlan({ kind: 'alternatives', count: 2 }, run, {
      ...recorder.hooks,
      chooseAlternative: async (_messages, count) => `candidate ${count}`,
    });
    assert.strictEqual(recorder.streamed(), 'candidate 2');
    await assert.rejects(
      runWritingPlan({ kind: 'alternatives', count: 2 }, run, { ...recorder.hooks, chooseAlternative: async () => undefined }),
      (error: unknown) => error instanceof GenerationError && error.category === 'cancelled',
    );
  });
});
