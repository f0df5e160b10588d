import * as assert from 'assert';
import { EditPacer, frameMs, latencyTargetMs } from '../../src/editor/editPacing';

/** A pacer that has made one edit, started at 0 and landed after `roundTripMs`. */
function afterOneEdit(roundTripMs: number): EditPacer {
  const pacer = new EditPacer();
  pacer.started(0);
  pacer.landed(roundTripMs);
  return pacer;
}

describe('The pacing of streamed edits', () => {
  it('lets the first text of a stream go out at once', () => {
    assert.strictEqual(new EditPacer().dueAt(123), 123);
  });

  it('holds text that arrives while edits are quick until the latency target, less the round trip, has passed', () => {
    const due = afterOneEdit(5).dueAt(6);
    assert.ok(due > 5 + frameMs, `due at ${due} ms`);
    assert.ok(due + 5 <= latencyTargetMs, 'the wait and the round trip stay within the latency target');
  });

  it('waits for fewer, larger edits than one per frame when edits are quick', () => {
    const pacer = afterOneEdit(2);
    assert.ok(pacer.intervalMs > frameMs, `${pacer.intervalMs} ms between edits`);
    assert.ok(pacer.intervalMs + 2 <= latencyTargetMs, 'the edit and its wait stay within the latency target');
  });

  it('never starts an edit within a frame of the previous one landing, however slow that was', () => {
    const pacer = afterOneEdit(60);
    assert.strictEqual(pacer.dueAt(10), 60 + frameMs);
    assert.strictEqual(pacer.landingGapEnd(), 60 + frameMs);
  });

  it('shortens the wait at once after a slow edit, and lengthens it again only over several quick ones', () => {
    const pacer = afterOneEdit(1);
    const quick = pacer.intervalMs;
    pacer.started(100);
    pacer.landed(130);
    assert.strictEqual(pacer.intervalMs, frameMs, 'a 30 ms round trip leaves only a frame to wait');
    pacer.started(200);
    pacer.landed(201);
    assert.strictEqual(pacer.intervalMs, frameMs, 'one quick edit does not undo the slow one');
    for (let edit = 0; edit < 20; edit++) {
      pacer.started(300 + edit * 50);
      pacer.landed(301 + edit * 50);
    }
    assert.ok(pacer.intervalMs >= quick, `${pacer.intervalMs} ms after twenty quick edits`);
  });

  it('lets text that finds the last edit long past go out at once', () => {
    const pacer = afterOneEdit(5);
    assert.strictEqual(pacer.dueAt(500), 500);
  });

  it('retries a refused edit a frame later without counting the refusal as a round trip', () => {
    const pacer = afterOneEdit(5);
    const interval = pacer.intervalMs;
    pacer.started(50);
    pacer.refused(51);
    assert.strictEqual(pacer.dueAt(40), Math.max(50 + interval, 51 + frameMs));
    assert.strictEqual(pacer.intervalMs, interval);
  });
});
