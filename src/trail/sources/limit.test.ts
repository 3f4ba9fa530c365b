import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLimiter } from './limit.js';

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs every task', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await sleep(i % 4);
          active--;
          return i;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('frees the slot of a failed task', async () => {
    const limit = createLimiter(1);
    await assert.rejects(
      limit(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await limit(async () => 'next'), 'next');
  });

  it('refuses a limit below one', () => {
    assert.throws(() => createLimiter(0), RangeError);
  });
});
