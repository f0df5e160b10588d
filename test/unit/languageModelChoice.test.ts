import * as assert from 'assert';
import { GenerationError } from '../../src/generation/errors';
import { pickLanguageModel } from '../../src/generation/languageModelChoice';

const copilot = { id: 'copilot-gpt-4o', name: 'GPT-4o', vendor: 'copilot' };
const other = { id: 'other-llama', name: 'Llama 3', vendor: 'some-extension' };

describe('Choosing a VS Code language model', () => {
  it('takes the model whose id inkwell.model names', () => {
    assert.strictEqual(pickLanguageModel([other, copilot], 'copilot-gpt-4o'), copilot);
  });

  it("fails for a model id that is not there, listing the models that are, instead of using another provider's", () => {
    assert.throws(
      () => pickLanguageModel([other, copilot], 'gpt-4o-mini'),
      (error: unknown) => {
        assert.ok(error instanceof GenerationError);
        assert.strictEqual(error.category, 'modelNotFound');
        assert.strictEqual(
          error.message,
          'The VS Code language model "gpt-4o-mini" (inkwell.model) is not available. Available: copilot-gpt-4o (GPT-4o, copilot); other-llama (Llama 3, some-extension). Pick one with "Inkwell: Choose Provider".',
        );
        return true;
      },
    );
  });

  it('takes the first model offered when no model id is set', () => {
    assert.strictEqual(pickLanguageModel([other, copilot], '  '), other);
  });

  it('says how to get a model when none is available', () => {
    assert.throws(() => pickLanguageModel([], 'copilot-gpt-4o'), /No VS Code language model is available/);
  });
});
