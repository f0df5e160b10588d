import * as assert from 'assert';
import { TrackedRange } from '../../src/editor/trackedRange';

function change(rangeOffset: number, rangeLength: number, text: string) {
  // Only the offsets matter to TrackedRange; the positions are VS Code's business.
  return { rangeOffset, rangeLength, text } as Parameters<TrackedRange['apply']>[0];
}

describe('A tracked range', () => {
  it('moves with text inserted above it', () => {
    const range = new TrackedRange(10, 20);
    assert.strictEqual(range.apply(change(2, 0, 'abc')), 'before');
    assert.deepStrictEqual([range.start, range.end], [13, 23]);
  });

  it('stays put for text changed below it', () => {
    const range = new TrackedRange(10, 20);
    assert.strictEqual(range.apply(change(25, 3, '')), 'after');
    assert.deepStrictEqual([range.start, range.end], [10, 20]);
  });

  it('grows with text typed inside it and reports the change as inside', () => {
    const range = new TrackedRange(10, 20);
    assert.strictEqual(range.apply(change(12, 0, 'ab')), 'inside');
    assert.deepStrictEqual([range.start, range.end], [10, 22]);
  });

  it("counts typing right at either edge as inside, since it is nobody's text for sure", () => {
    assert.strictEqual(new TrackedRange(10, 20).apply(change(20, 0, 'x')), 'inside');
    assert.strictEqual(new TrackedRange(10, 20).apply(change(10, 0, 'x')), 'inside');
  });

  it('clips itself when a deletion crosses its start', () => {
    const range = new TrackedRange(10, 20);
    range.apply(change(8, 5, 'XY'));
    assert.deepStrictEqual([range.start, range.end], [10, 17]);
  });

  it('collapses when the whole range is replaced', () => {
    const range = new TrackedRange(10, 20);
    range.apply(change(5, 30, 'Z'));
    assert.deepStrictEqual([range.start, range.end], [6, 6]);
  });
});
