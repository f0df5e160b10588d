import * as assert from 'assert';
import { Disposable } from '../../src/shared/disposable';

class Owner extends Disposable {
  own<T extends { dispose(): unknown }>(disposable: T): T {
    return this.register(disposable);
  }
  get gone(): boolean {
    return this.isDisposed;
  }
}

function recorder(log: string[], name: string, fails = false) {
  return {
    dispose() {
      log.push(name);
      if (fails) throw new Error(`${name} failed`);
    },
  };
}

describe('The Disposable base', () => {
  it('disposes what it registered once, newest first', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own(recorder(log, 'listener'));
    owner.own(recorder(log, 'emitter'));
    owner.dispose();
    owner.dispose();
    assert.deepStrictEqual(log, ['emitter', 'listener']);
    assert.ok(owner.gone);
  });

  it('disposes at once what is registered after it was disposed, so nothing outlives it', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.own(recorder(log, 'late'));
    assert.deepStrictEqual(log, ['late']);
  });

  it('disposes the rest when one throws, then throws the first error', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own(recorder(log, 'a'));
    owner.own(recorder(log, 'b', true));
    owner.own(recorder(log, 'c', true));
    assert.throws(() => owner.dispose(), /c failed/);
    assert.deepStrictEqual(log, ['c', 'b', 'a']);
  });
});
