import * as assert from 'assert';
import { applyChanges, type ProseChange } from '../../src/trackedChanges/proseChange';
import { diffProse } from '../../src/trackedChanges/proseDiff';
import { StreamingProseDiff } from '../../src/trackedChanges/streamingProseDiff';
import { seededRandom } from './kit/seededRandom';

function pairs(changes: readonly ProseChange[]): [string, string][] {
  return changes.map((change) => [change.original, change.proposed]);
}

function assertExact(original: string, proposed: string, changes: readonly ProseChange[]): void {
  assert.strictEqual(
    applyChanges(original, changes, () => true),
    proposed,
    'every change accepted gives the proposal',
  );
  assert.strictEqual(
    applyChanges(original, changes, () => false),
    original,
    'every change rejected gives the original',
  );
  let at = 0;
  for (const change of changes) {
    assert.ok(change.start >= at && change.end >= change.start, `changes in order and apart: ${JSON.stringify(change)}`);
    assert.strictEqual(original.slice(change.start, change.end), change.original);
    at = change.end;
  }
}

/** Diffs, checks the changes rebuild both sides exactly, and compares what a reader would see. */
function expectChanges(original: string, proposed: string, expected: [string, string][]): void {
  const changes = diffProse(original, proposed);
  assertExact(original, proposed, changes);
  assert.deepStrictEqual(pairs(changes), expected);
}

/** A small deterministic generator, so a failing case can be replayed from its seed. */
const englishWords = [
  'the',
  'writer',
  'quickly',
  'edits',
  'a',
  'long',
  'draft',
  'with',
  'care',
  'and',
  'patience',
  'every',
  'morning',
  'before',
  'coffee',
];
const chineseWords = ['我们', '今天', '讨论', '人工智能', '的', '发展', '作者', '修改', '文章', '非常', '仔细'];
const atoms = ['`npm ci`', '[the guide](https://a.example/g)', 'https://b.example/p', '**bold**', '_em_', '[^1]', '$x^2$'];

function sentence(next: () => number): string {
  const chinese = next() < 0.35;
  const pool = chinese ? chineseWords : englishWords;
  const words: string[] = [];
  const count = 3 + Math.floor(next() * 10);
  for (let index = 0; index < count; index++)
    words.push(next() < 0.12 ? atoms[Math.floor(next() * atoms.length)] : pool[Math.floor(next() * pool.length)]);
  return chinese ? `${words.join('')}。` : `${words.join(' ').replace(/^./, (letter) => letter.toUpperCase())}${next() < 0.2 ? '!' : '.'} `;
}

function document(next: () => number): string {
  const eol = next() < 0.3 ? '\r\n' : '\n';
  const paragraphs: string[] = [];
  const count = 1 + Math.floor(next() * 4);
  for (let index = 0; index < count; index++) {
    const sentences: string[] = [];
    for (let s = 1 + Math.floor(next() * 4); s > 0; s--) sentences.push(sentence(next));
    paragraphs.push((next() < 0.2 ? '- ' : '') + sentences.join('').trimEnd());
  }
  return paragraphs.join(eol + eol) + (next() < 0.5 ? eol : '');
}

/** A proposal the way models make them: words swapped, dropped and added, sentences dropped and added. */
function rewrite(text: string, next: () => number): string {
  const pieces = text.split(/(\s+)/);
  const out: string[] = [];
  for (const piece of pieces) {
    const roll = next();
    if (/^\s+$/.test(piece) || piece === '') out.push(piece);
    else if (roll < 0.08) continue;
    else if (roll < 0.18) out.push(englishWords[Math.floor(next() * englishWords.length)]);
    else if (roll < 0.24) out.push(piece, ' ', chineseWords[Math.floor(next() * chineseWords.length)]);
    else if (roll < 0.26) out.push(piece, ' ', sentence(next));
    else out.push(piece);
  }
  return out.join('');
}

describe('Diffing a proposal into tracked changes', () => {
  it('shows a two-word fix in an English paragraph as two small changes, not the paragraph', () => {
    expectChanges(
      'The writer jump over the lazy dog every morning, and she was very happy about it.',
      'The writer jumps over the lazy dog every morning, and she was happy about it.',
      [
        ['jump', 'jumps'],
        ['very ', ''],
      ],
    );
  });

  it('shows edits in Chinese as whole words', () => {
    expectChanges('我们今天讨论人工智能的发展。它很重要。', '我们今天讨论人工智能的快速发展。它非常重要。', [
      ['', '快速'],
      ['很', '非常'],
    ]);
  });

  it('joins small edits close together in one sentence into one change', () => {
    expectChanges('This are a example of bad grammar in a sentence.', 'This is an example of bad grammar in a sentence.', [
      ['are a', 'is an'],
    ]);
  });

  it('shows a mostly rewritten sentence as one sentence replaced, keeping its line break out of the change', () => {
    expectChanges('Totally different sentence one.\nSecond line stays.', 'Nothing alike at all here.\nSecond line stays.', [
      ['Totally different sentence one.', 'Nothing alike at all here.'],
    ]);
  });

  it('replaces a changed link, code span or URL whole, never part of it', () => {
    expectChanges(
      'See [the docs](https://a.example/x) or `npm ci` at https://b.example/old today.',
      'See [the docs](https://a.example/y) or `npm ci --quiet` at https://b.example/new today.',
      [
        ['[the docs](https://a.example/x)', '[the docs](https://a.example/y)'],
        ['`npm ci`', '`npm ci --quiet`'],
        ['https://b.example/old', 'https://b.example/new'],
      ],
    );
  });

  it('keeps emphasis markers as their own change when only the emphasis is added', () => {
    expectChanges('This is important to know.', 'This is **important** to know.', [['important', '**important**']]);
  });

  it('keeps list items and table rows on their own lines', () => {
    expectChanges(
      '- first item\n- second item\n\n| a | b |\n|---|---|\n| one | two |\n',
      '- first entry\n- second item\n\n| a | b |\n|---|---|\n| one | three |\n',
      [
        ['item', 'entry'],
        ['two', 'three'],
      ],
    );
  });

  it('shows a deleted sentence and an added sentence as their own changes', () => {
    expectChanges(
      'Keep this one. Drop this sentence entirely. And keep this.',
      'Keep this one. And keep this. A brand new closing thought!',
      [
        ['Drop this sentence entirely. ', ''],
        ['', ' A brand new closing thought!'],
      ],
    );
  });

  it('keeps CRLF line endings and spacing exactly, byte for byte', () => {
    const original = 'First  line.\r\n\r\nSecond line here.\r\n';
    const proposed = 'First  line!\r\n\r\nSecond line there.\r\n';
    const changes = diffProse(original, proposed);
    assertExact(original, proposed, changes);
    assert.ok(
      changes.every((change) => !change.original.includes('\r') && !change.proposed.includes('\r')),
      'line endings are not part of word changes',
    );
  });

  it('finds no change in an identical proposal and one insertion for an empty original', () => {
    assert.deepStrictEqual(diffProse('Same text.\n', 'Same text.\n'), []);
    assertExact('', 'New text.', diffProse('', 'New text.'));
  });

  it('gives changes that rebuild the proposal exactly for random documents and rewrites', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      const original = document(next);
      const proposed = rewrite(original, next);
      const changes = diffProse(original, proposed);
      assertExact(original, proposed, changes);
      const accepted = new Set(changes.filter(() => next() < 0.5).map((change) => change.id));
      const mixed = applyChanges(original, changes, (change) => accepted.has(change.id));
      // Each decided change is independent: its span holds exactly its chosen side.
      let rebuilt = '';
      let at = 0;
      for (const change of changes) {
        rebuilt += original.slice(at, change.start) + (accepted.has(change.id) ? change.proposed : change.original);
        at = change.end;
      }
      assert.strictEqual(mixed, rebuilt + original.slice(at), `seed ${seed}`);
    }
  });
});

describe('Diffing a proposal while it streams', () => {
  it('ends with changes that rebuild the proposal exactly, however the answer was cut into chunks', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = seededRandom(seed * 7919);
      const original = document(next);
      const proposed = rewrite(original, next);
      const streaming = new StreamingProseDiff(original);
      for (let at = 0; at < proposed.length;) {
        at = Math.min(proposed.length, at + 1 + Math.floor(next() * 12));
        const so = streaming.update(proposed.slice(0, at));
        const shown = [...so.settled, ...so.tail];
        // What is shown so far turns the original up to where the answer has reached into the answer's finished sentences.
        const applied = applyChanges(original.slice(0, so.reachedOriginal), shown, () => true);
        assert.ok(proposed.startsWith(applied), `seed ${seed}: shown changes give a prefix of the answer`);
      }
      assertExact(original, proposed, streaming.finish(proposed));
    }
  });

  it('settles finished sentences, so each chunk re-diffs only the tail', () => {
    const sentences = Array.from({ length: 400 }, (_, index) => `Sentence number ${index} says something about the draft. `);
    const original = sentences.join('');
    const proposed = sentences.map((text, index) => (index % 3 === 0 ? text.replace('says', 'tells') : text)).join('');
    const streaming = new StreamingProseDiff(original);
    let last = streaming.update('');
    for (let at = 0; at < proposed.length; at += 40) last = streaming.update(proposed.slice(0, at));
    assert.ok(last.settled.length > 120, `most changes settled while streaming (${last.settled.length})`);
    assert.ok(last.tail.length <= 3, `the tail stays short (${last.tail.length})`);
    const final = streaming.finish(proposed);
    assert.strictEqual(final.length, 134);
    assert.deepStrictEqual(pairs(final.slice(0, 2)), [
      ['says', 'tells'],
      ['says', 'tells'],
    ]);
  });
});
