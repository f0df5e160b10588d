import * as assert from 'node:assert/strict';
import { CodeBlockScanner, codeBlocksOf } from '../../src/shared/codeBlockScanner';
import { codeBlockCorpus, markdownItCodeBlocks } from './codeBlockCorpus';

describe('The code-block scanner', () => {
  describe('finds the code blocks markdown-it finds, with the same code and language, in the same order', () => {
    for (const { name, markdown } of codeBlockCorpus) {
      it(name, () => {
        assert.deepEqual(codeBlocksOf(markdown), markdownItCodeBlocks(markdown));
      });
    }
  });

  it('finishes a block as soon as its closing fence arrives, while the text is still streaming', () => {
    const scanner = new CodeBlockScanner();
    assert.equal(scanner.push('Intro'), 'other');
    assert.equal(scanner.push('```py'), 'fenceOpen');
    assert.deepEqual(scanner.openFence, { char: '`', length: 3, indent: 0, info: 'py', depth: 0 });
    assert.equal(scanner.push('x = 1'), 'fenceCode');
    assert.deepEqual(scanner.blocks, []);
    assert.equal(scanner.push('```'), 'fenceClose');
    assert.deepEqual(scanner.blocks, [{ code: 'x = 1\n', language: 'py' }]);
    assert.equal(scanner.openFence, undefined);
  });

  it('says how deep in block quotes and list items an open fence sits', () => {
    const scanner = new CodeBlockScanner();
    scanner.push('> - ~~~~ sh');
    assert.deepEqual(scanner.openFence, { char: '~', length: 4, indent: 0, info: 'sh', depth: 2 });
    assert.equal(scanner.push('>   ls'), 'fenceCode');
    assert.equal(scanner.push('after'), 'other', 'a line outside the quote ends the fence with it');
    assert.equal(scanner.openFence, undefined);
    assert.deepEqual(scanner.end(), [{ code: 'ls\n', language: 'sh' }]);
  });

  it('keeps an unclosed fence open to the end, and ends it there', () => {
    const scanner = new CodeBlockScanner();
    for (const line of ['```js', 'let a;', '']) scanner.push(line);
    assert.notEqual(scanner.openFence, undefined);
    assert.deepEqual(scanner.end(), [{ code: 'let a;\n\n', language: 'js' }]);
  });

  it('leaves the blank lines after indented code out of it, once a later line shows where it ends', () => {
    const scanner = new CodeBlockScanner();
    for (const line of ['    a', '', '    b', '', '']) assert.equal(scanner.push(line), 'indentedCode');
    assert.equal(scanner.push('text'), 'other');
    assert.deepEqual(scanner.blocks, [{ code: 'a\n\nb\n', language: '' }]);
  });

  describe('where it deliberately differs from markdown-it', () => {
    it('reads a link reference definition as paragraph text, so an indented line after it continues the paragraph', () => {
      const markdown = '[docs]: https://example.com/docs\n    not code\n';
      assert.deepEqual(codeBlocksOf(markdown), []);
      assert.deepEqual(markdownItCodeBlocks(markdown), [{ code: 'not code\n', language: '' }]);
    });

    it('nests block quotes deeper than markdown-it, which stops at 100 levels', () => {
      const markdown = `${'> '.repeat(120)}\`\`\`\nx\n\`\`\`\n`;
      assert.deepEqual(codeBlocksOf(markdown), [
        { code: '', language: '' },
        { code: '', language: '' },
      ]);
      assert.equal(markdownItCodeBlocks(markdown).length, 1);
    });
  });
});
