/**
 * Answers that stress the chat's streaming renderer where it appends plain
 * text instead of re-rendering: markup that arrives after plain text and
 * changes it (emphasis closed by a later `*`, a word that becomes a link, a
 * line that turns the paragraph above into a heading or a table), trailing
 * spaces markdown-it trims, and model output meant to inject markup.
 * Streamed in small chunks, each must end exactly as it renders in one piece.
 */
export const streamedAnswers: readonly string[] = [
  'A plain paragraph that goes on, and on, with commas, dots. Questions? Yes! 50 % of "quotes" and \'single\' ones / slashes + signs = sums # not a heading.',
  'Emphasis arrives late: *this becomes italic* and **this bold** and _this_ too, but snake_case_words stay and *foo**bar stays odd.',
  'Closing after a letter: *a*x, **b**y, _c_z and ~~struck~~ text with `code spans` and `an open one',
  'A word that becomes a link: visit www.example.com or https://example.org/path?q=1 and mail someone@example.net, then example.co and more.',
  'Setext heading\n===\n\nAnother one\n---\n\nText under it.',
  'A table head | second\n--- | ---\ncell | cell\n\nAfter the table.',
  '- a list item that grows\n- another item, with *emphasis*\n  continued lazily\n- third\n\n1. numbered\n2. items\n\nClosing paragraph.',
  '> A quotation that grows\nlazily continued\n\n> second quote\n\nText.',
  'Trailing spaces   \nmake a hard break here.  \nAnd here with backslash\\\nend.',
  'Paragraph\n    not code, a lazy line\n\n    real indented code\n\nAfter.',
  'Entities: &amp; &copy; &#x41; and &notanentity and a lone & sign; escapes \\*not italic\\* and \\[not a link\\].',
  'Links: [a link](https://example.com/a) and [ref][r] and ![an image](data:image/png;base64,iVBORw0KGgo=) and <https://example.com/auto>.\n\n[r]: https://example.com/r',
  'Code fence after prose:\n\n```ts\nconst a = 1; // *not* emphasis\n```\n\nProse after code, then an open fence:\n\n```\nnever closed',
  '# Heading one\n## Heading two with *emphasis*\n\nText after headings 1. not a list\n1. a list that interrupts\n\n2024 was a year.\n\n- \n- empty item above',
  'Unicode: 中文的段落，没有空格也能换行。日本語のテキスト、そして한국어 텍스트。Ünïcödé and emoji 🎉✨ in prose, NBSP\u00a0here\u00a0.',
  '<script>window.__pwned = "script"</script> text after a tag, <img src=x onerror="window.__pwned = 1"> and more <b>bold?</b> text.',
  "[javascript link](javascript:window.__pwned=1) and [entity link](&#x6A;avascript:alert(1)) then javascript:alert('https://evil.invalid/glued')\"></template><img src=x>')",
  'Tab\tseparated\twords and a line ending in a star *\nnext line* closes it.',
  'Rule below\n\n***\n\nand a paragraph ending with a hash #\n\n+ plus list\n+ second',
  'Use [the guide][g] first, and [this one][missing] stays text.\n\n[g]: https://example.com/guide\n\nMore text after the definition.',
  'Mixed chunk boundaries: word*emphasis*word, a**b**c, `x`y, [t](u)v, <https://a.example>w, and a final plain sentence without markup at all',
];
