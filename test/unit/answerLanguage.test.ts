import * as assert from 'assert';
import { resolveAnswerLanguage } from '../../src/prompts/answerLanguage';

describe('The answer language setting', () => {
  it('names VS Code\'s display language for "editor", by its full code or its base language', () => {
    assert.strictEqual(resolveAnswerLanguage('editor', 'zh-cn'), 'Simplified Chinese');
    assert.strictEqual(resolveAnswerLanguage('editor', 'pt-BR'), 'Brazilian Portuguese');
    assert.strictEqual(resolveAnswerLanguage('editor', 'de-AT'), 'German');
  });

  it("answers in the text's language when the display language is one it cannot name", () => {
    assert.strictEqual(resolveAnswerLanguage('editor', 'qq'), 'auto');
  });

  it('passes a named language through, and treats an empty setting as auto', () => {
    assert.strictEqual(resolveAnswerLanguage('Français', 'en'), 'Français');
    assert.strictEqual(resolveAnswerLanguage('', 'en'), 'auto');
  });
});
