import * as assert from 'assert';
import { mapWithConcurrency, maxConcurrency } from '../../src/generation/concurrency';

describe('Running requests side by side', () => {
  it('never runs more than its maximum at once, whatever limit it is given', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency(
      Array.from({ length: 60 }, (_, index) => index),
      1000,
      async (item) => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return item * 2;
      },
    );
    assert.strictEqual(peak, maxConcurrency);
    assert.deepStrictEqual(
      results,
      Array.from({ length: 60 }, (_, index) => index * 2),
    );
  });
});
