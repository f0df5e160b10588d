import * as assert from 'node:assert/strict';
import { codeBlocksOf } from '../../src/shared/codeBlockScanner';
import { MarkdownBlockSplitter } from '../../src/webview/markdownBlocks';
import { createMarkdownParser } from '../../src/webview/markdownParser';
import { codeBlockCorpus, markdownItCodeBlocks } from './codeBlockCorpus';

const parser = createMarkdownParser();

/** Streams `text` in pieces of the given sizes (cycled) and returns the finished segments in order, plus the final tail. */
function stream(text: string, sizes: number[]): { segments: string[]; splitter: MarkdownBlockSplitter } {
  const splitter = new MarkdownBlockSplitter();
  const segments: string[] = [];
  for (let at = 0, step = 0; at < text.length; step++) {
    const size = sizes[step % sizes.length];
    const done = splitter.push(text.slice(at, at + size));
    if (done) segments.push(done);
    at += size;
  }
  segments.push(splitter.finish());
  return { segments: segments.filter(Boolean), splitter };
}

const documents: Record<string, string> = {
  prose: '# Title\n\nFirst paragraph\nstill first.\n\nSecond paragraph.\n\n## Section\n\nThird.\n',
  looseList: 'Intro:\n\n- one\n\n- two\n\n  continued item two\n\n- three\n\nAfter the list.\n',
  orderedList: '1. first\n2. second\n\n3. third\n\nDone.\n',
  fences: 'Code:\n\n```js\nconst a = 1;\n\n\nconst b = 2;\n```\n\nText after.\n\n~~~\nplain\n\n~~~\nTail.\n',
  longFence: 'Before\n\n````markdown\n# Doc\n\n```python\nprint(1)\n```\n\nMore doc.\n````\n\nAfter.\n',
  nestedFenceInList: '- item\n\n  ```\n  code\n\n  more code\n  ```\n\n- item two\n\nEnd.\n',
  table: '| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nBelow the table.\n',
  quote: '> quoted\n> still\n\n> another quote\n\nplain\n',
  indentedCode: 'Para.\n\n    indented code\n\n    more indented\n\nAfter.\n',
  setext: 'Heading\n=======\n\nText.\n',
  crlf: 'One\r\n\r\nTwo\r\n\r\n```\r\ncode\r\n\r\n```\r\n\r\nThree\r\n',
  unclosedFence: 'Text.\n\n```\nnever closed\n\nstill code',
};

describe('The streaming markdown block splitter', () => {
  for (const [name, text] of Object.entries(documents)) {
    it(`renders ${name} the same in finished parts as in one piece, however it is chunked`, () => {
      const whole = parser.render(text);
      for (const sizes of [[1], [2, 3], [7], [64], [text.length]]) {
        const { segments } = stream(text, sizes);
        assert.equal(segments.join(''), text);
        assert.equal(segments.map((segment) => parser.render(segment)).join(''), whole, `chunk sizes ${sizes.join(',')}`);
      }
    });
  }

  it('numbers code blocks across parts as the whole message does', () => {
    const text = documents.fences + documents.longFence + documents.indentedCode;
    const { segments } = stream(text, [5]);
    const inParts = segments.flatMap((segment) => codeBlocksOf(segment));
    assert.deepEqual(inParts, codeBlocksOf(text));
  });

  it("numbers the corpus's code blocks in the webview's finished parts as the extension does in the whole answer", () => {
    for (const { name, markdown } of codeBlockCorpus) {
      for (const sizes of [[1], [3, 7], [markdown.length || 1]]) {
        const { segments } = stream(markdown, sizes);
        assert.equal(segments.join(''), markdown, name);
        assert.deepEqual(segments.flatMap(markdownItCodeBlocks), codeBlocksOf(markdown), `${name}, chunk sizes ${sizes.join(',')}`);
      }
    }
  });

  it("does not cut inside a fence that opens on the line where a list item's fence ended", () => {
    const text = '- item\n\n  ```\n  code\n```\n\nstill code\n```\n\nAfter.\n';
    const { segments } = stream(text, [4]);
    assert.deepEqual(segments, ['- item\n\n  ```\n  code\n```\n\nstill code\n```\n\n', 'After.\n']);
    assert.equal(segments.map((segment) => parser.render(segment)).join(''), parser.render(text));
  });

  it('does not offer a fence inside a block quote for plain appending', () => {
    const splitter = new MarkdownBlockSplitter();
    splitter.push('> ```\n> code\n');
    assert.equal(splitter.openFenceAtTail(), undefined);
  });

  it('cuts prose into several finished blocks as it streams, so the tail stays short', () => {
    const paragraph = 'A sentence that goes on for a while, as prose does. '.repeat(4);
    const text = Array.from({ length: 200 }, (_, i) => `${paragraph}${i}`).join('\n\n');
    const splitter = new MarkdownBlockSplitter();
    let longestTail = 0;
    for (let at = 0; at < text.length; at += 13) {
      splitter.push(text.slice(at, at + 13));
      longestTail = Math.max(longestTail, splitter.tail.length);
    }
    assert.ok(longestTail < paragraph.length * 2 + 40, `tail grew to ${longestTail} characters`);
  });

  it('offers an open fence at the start of the tail for plain appending, and not one inside a list', () => {
    const splitter = new MarkdownBlockSplitter();
    splitter.push('Intro.\n\n```ts\nconst x = 1;\n');
    assert.deepEqual(splitter.openFenceAtTail(), { info: 'ts', contentStart: 'Intro.\n\n```ts\n'.length });
    splitter.push('```\n');
    assert.equal(splitter.openFenceAtTail(), undefined);
    assert.equal(splitter.tail, '', 'a closed fence that began the tail is finished at once');
    const inList = new MarkdownBlockSplitter();
    inList.push('- item\n\n  ```\n  code\n');
    assert.equal(inList.openFenceAtTail(), undefined);
  });
});
