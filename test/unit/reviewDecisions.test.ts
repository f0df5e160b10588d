import * as assert from 'assert';
import { applyChanges } from '../../src/trackedChanges/proseChange';
import { diffProse } from '../../src/trackedChanges/proseDiff';
import { ReviewDecisions, type ChangeState } from '../../src/trackedChanges/reviewDecisions';
import { seededRandom } from './kit/seededRandom';

/** A document as a string, edited the way the review asks, every edit reported back like VS Code's change events. */
class Doc {
  constructor(
    public text: string,
    private readonly review: ReviewDecisions,
  ) {}

  apply(edit: { start: number; end: number; text: string } | undefined, own?: string): void {
    if (!edit) return;
    this.text = this.text.slice(0, edit.start) + edit.text + this.text.slice(edit.end);
    this.review.documentChanged(edit.start, edit.end, edit.text, own);
  }

  spanOf(id: string): string {
    const change = this.review.get(id)!;
    return this.text.slice(change.docStart, change.docEnd);
  }
}

const original =
  'The writer jump over the lazy dog every morning. She was very happy about it!\r\n\r\n我们今天讨论人工智能的发展。它很重要。\r\nSee [the docs](https://a.example/x) for `npm ci`.';
const proposed =
  'The writer jumps over the lazy dog each morning. She was happy about it!\r\n\r\n我们今天讨论人工智能的快速发展。它非常重要。\r\nSee [the guide](https://a.example/y) for `npm ci`.';

describe('Decisions on tracked changes', () => {
  it('applies exactly the accepted changes and leaves the rest as it was, byte for byte', () => {
    const changes = diffProse(original, proposed);
    assert.ok(changes.length >= 5, `enough changes to mix (${changes.length})`);
    const review = new ReviewDecisions(changes, 6);
    const doc = new Doc(`Intro\n${original}\nEnd`, review);
    doc.apply(review.accept(changes[1].id), changes[1].id);
    doc.apply(review.accept(changes[3].id), changes[3].id);
    for (const change of changes) review.reject(change.id);
    const expected = applyChanges(original, changes, (change) => change === changes[1] || change === changes[3]);
    assert.strictEqual(doc.text, `Intro\n${expected}\nEnd`);
    assert.strictEqual(review.pendingCount, 0);
  });

  it('takes back the last decision on undo, restoring the original words of an accepted change', () => {
    const changes = diffProse(original, proposed);
    const review = new ReviewDecisions(changes, 0);
    const doc = new Doc(original, review);
    doc.apply(review.accept(changes[0].id), changes[0].id);
    review.reject(changes[1].id);
    let undone = review.undo();
    assert.ok(undone && undone[0].change.id === changes[1].id && !undone[0].edit, 'undoing a rejection edits nothing');
    undone = review.undo();
    assert.ok(undone && undone[0].edit, 'undoing an acceptance restores the original');
    doc.apply(undone[0].edit, undone[0].change.id);
    assert.strictEqual(doc.text, original);
    assert.deepStrictEqual(
      review.changes.map((change) => change.state),
      changes.map(() => 'pending'),
    );
    assert.strictEqual(review.undo(), false);
  });

  it('takes back decisions made together in one undo', () => {
    const changes = diffProse(original, proposed);
    const review = new ReviewDecisions(changes, 0);
    const doc = new Doc(original, review);
    review.reject(changes[0].id);
    // Accept All edits last first, so each edit leaves the offsets of the ones still to come alone.
    for (const change of [...changes].reverse()) doc.apply(review.accept(change.id, 1), change.id);
    assert.strictEqual(
      doc.text,
      applyChanges(original, changes, (change) => change !== changes[0]),
    );
    const undone = review.undo();
    assert.ok(undone && undone.length === changes.length - 1, 'every change of the group comes back');
    // The edits are in the document's offsets before any of them, as one VS Code edit applies them: last first.
    for (const { change, edit } of [...undone].sort((a, b) => b.change.docStart - a.change.docStart)) doc.apply(edit, change.id);
    assert.strictEqual(doc.text, original);
    assert.strictEqual(review.get(changes[0].id)!.state, 'rejected', 'the decision before the group stays');
  });

  it('moves pending changes with text the writer types before them, and leaves them alone for text after', () => {
    const changes = diffProse(original, proposed);
    const review = new ReviewDecisions(changes, 0);
    const doc = new Doc(original, review);
    doc.apply({ start: 0, end: 0, text: 'Preface. ' });
    doc.apply({ start: doc.text.length, end: doc.text.length, text: '\nAfterword.' });
    for (const change of changes) assert.strictEqual(doc.spanOf(change.id), change.original);
    doc.apply(review.accept(changes[0].id), changes[0].id);
    assert.strictEqual(doc.text, `Preface. ${applyChanges(original, changes, (change) => change === changes[0])}\nAfterword.`);
  });

  it('turns a pending change the writer types into into their own text: the change is dropped, the typing kept', () => {
    const changes = diffProse(original, proposed);
    const target = changes.find((change) => change.original === 'jump')!;
    const review = new ReviewDecisions(changes, 0);
    const doc = new Doc(original, review);
    doc.apply({ start: target.start + 2, end: target.start + 2, text: 'X' });
    assert.strictEqual(review.get(target.id)!.state, 'rejected');
    assert.strictEqual(review.accept(target.id), undefined, 'an overtyped change cannot be accepted any more');
    assert.ok(doc.text.startsWith('The writer juXmp over'));
    assert.strictEqual(review.pendingCount, changes.length - 1);
  });

  it('ends with the original plus exactly the accepted changes after any order of decisions, undos and outside typing', () => {
    const changes = diffProse(original, proposed);
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      let prefix = 'Title\r\n';
      let suffix = '\r\nThe end.';
      const review = new ReviewDecisions(changes, prefix.length);
      const doc = new Doc(prefix + original + suffix, review);
      // The oracle: a plain stack of decisions, replayed independently of the review.
      const state = new Map<string, ChangeState>(changes.map((change) => [change.id, 'pending']));
      const stack: [string, ChangeState][] = [];
      for (let step = 0; step < 25; step++) {
        const roll = next();
        const change = changes[Math.floor(next() * changes.length)];
        if (roll < 0.35) {
          doc.apply(review.accept(change.id), change.id);
          if (state.get(change.id) === 'pending') {
            stack.push([change.id, 'pending']);
            state.set(change.id, 'accepted');
          }
        } else if (roll < 0.6) {
          review.reject(change.id);
          if (state.get(change.id) === 'pending') {
            stack.push([change.id, 'pending']);
            state.set(change.id, 'rejected');
          }
        } else if (roll < 0.8) {
          const undone = review.undo();
          if (undone) doc.apply(undone[0].edit, undone[0].change.id);
          const last = stack.pop();
          if (last) state.set(last[0], last[1]);
          assert.strictEqual(Boolean(undone), Boolean(last), `seed ${seed}: undo available exactly when a decision was made`);
        } else if (roll < 0.9) {
          const at = Math.floor(next() * prefix.length);
          doc.apply({ start: at, end: at, text: 'p' });
          prefix = prefix.slice(0, at) + 'p' + prefix.slice(at);
        } else {
          doc.apply({ start: doc.text.length, end: doc.text.length, text: 's' });
          suffix += 's';
        }
        for (const each of review.changes) {
          assert.strictEqual(
            doc.spanOf(each.id),
            each.state === 'accepted' ? each.proposed : each.original,
            `seed ${seed}: the change's range holds its text`,
          );
        }
      }
      const expected = applyChanges(original, changes, (change) => state.get(change.id) === 'accepted');
      assert.strictEqual(doc.text, prefix + expected + suffix, `seed ${seed}`);
    }
  });
});
