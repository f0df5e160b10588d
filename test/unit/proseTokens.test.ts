import * as assert from 'assert';
import { splitSentences } from '../../src/trackedChanges/sentences';
import { tokenize } from '../../src/trackedChanges/tokens';

describe('Prose tokens for tracked changes', () => {
  it('splits English into words, single spaces and punctuation', () => {
    assert.deepStrictEqual(tokenize("It was  very good, wasn't it?"), [
      'It',
      ' ',
      'was',
      '  ',
      'very',
      ' ',
      'good',
      ',',
      ' ',
      "wasn't",
      ' ',
      'it',
      '?',
    ]);
  });

  it('splits Chinese into words rather than single characters', () => {
    const tokens = tokenize('我们今天讨论人工智能的发展。');
    assert.ok(tokens.includes('我们') && tokens.includes('今天') && tokens.includes('发展'), tokens.join('|'));
    assert.ok(tokens.length < '我们今天讨论人工智能的发展。'.length, 'fewer tokens than characters');
  });

  it('keeps inline code, links with their target, URLs, footnotes, math and HTML tags whole', () => {
    const text =
      'Run `npm ci --quiet`, read [the guide](https://a.example/x?y=1 "Guide") or https://b.example/path. See[^note] and $e = mc^2$ <br/>';
    const tokens = tokenize(text);
    for (const atom of [
      '`npm ci --quiet`',
      '[the guide](https://a.example/x?y=1 "Guide")',
      'https://b.example/path',
      '[^note]',
      '$e = mc^2$',
      '<br/>',
    ]) {
      assert.ok(tokens.includes(atom), `${atom} in ${tokens.join('|')}`);
    }
    assert.ok(tokens.includes('.'), 'the full stop after a bare URL is not part of it');
  });

  it('keeps emphasis markers apart from the words they wrap, and snake_case names whole', () => {
    assert.deepStrictEqual(tokenize('**bold** _em_ snake_case'), ['**', 'bold', '**', ' ', '_', 'em', '_', ' ', 'snake_case']);
    assert.ok(tokenize('$5 and $10').includes('$'), 'two prices are not math');
  });

  it('gives back exactly the text when its tokens are joined, CRLF included', () => {
    for (const text of ['a\r\nb  c\t\n', '中文，English；混合。 **x** [a](b)', '', '   ', '- item\r\n- item two\r\n']) {
      assert.strictEqual(tokenize(text).join(''), text);
    }
  });
});

describe('Sentence units for tracked changes', () => {
  it('ends a unit at every sentence end and every line break, keeping the spaces after it', () => {
    assert.deepStrictEqual(splitSentences('One. Two!\n# Head\n\n- item\r\n'), ['One. ', 'Two!\n', '# Head\n', '\n', '- item\r\n']);
  });

  it('splits Chinese sentences at full-width punctuation', () => {
    assert.deepStrictEqual(splitSentences('我很累。你呢？好的'), ['我很累。', '你呢？', '好的']);
  });

  it('gives back exactly the text when its units are joined', () => {
    for (const text of ['a\r\n\r\nb. c', '\n\n', 'no end', 'x.\n']) assert.strictEqual(splitSentences(text).join(''), text);
  });
});
