import * as assert from 'assert';
import { exactTokenCounter } from '../../src/generation/exactTokenizer';
import { TokenCounter } from '../../src/generation/tokenCounter';
import { estimateTokens } from '../../src/generation/tokenEstimate';

describe('Token counting', () => {
  it('counts exactly with the o200k vocabulary for current OpenAI models', () => {
    const count = exactTokenCounter('gpt-4o-mini')!;
    assert.strictEqual(count('hello world'), 2);
    assert.ok(exactTokenCounter('o3-mini') && exactTokenCounter('openai/gpt-5'));
  });

  it("has no exact counter for other vendors' models", () => {
    assert.strictEqual(exactTokenCounter('deepseek-chat'), undefined);
    assert.strictEqual(exactTokenCounter('qwen-plus'), undefined);
  });

  it('does not load the tokenizer for a text far below the budget', () => {
    let loads = 0;
    const counter = new TokenCounter(() => {
      loads++;
      return { exactTokenCounter };
    });
    assert.strictEqual(counter.forModel('gpt-4o', 'short text', 10_000), estimateTokens);
    assert.strictEqual(loads, 0);
  });

  it('loads the tokenizer once, when a text comes near the budget of an OpenAI model', () => {
    let loads = 0;
    const counter = new TokenCounter(() => {
      loads++;
      return { exactTokenCounter };
    });
    const text = '这是一个测试句子。'.repeat(200);
    const exact = counter.forModel('gpt-4o', text, 2000);
    assert.notStrictEqual(exact, estimateTokens);
    assert.ok(exact(text) < estimateTokens(text), 'the estimate errs high for Chinese');
    counter.forModel('gpt-4o', text, 2000);
    assert.strictEqual(loads, 1);
  });

  it('falls back to the estimate when the tokenizer cannot be loaded', () => {
    const counter = new TokenCounter(() => {
      throw new Error('missing bundle');
    });
    assert.strictEqual(counter.forModel('gpt-4o', 'x'.repeat(10_000), 100), estimateTokens);
  });
});
