import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { failOnOption, formatOption, intIn } from './guardduty-options.js';

describe('guardduty options', () => {
  it('takes a whole number within the bounds, the bounds included', () => {
    const n = intIn(1, 10);
    assert.equal(n('1'), 1);
    assert.equal(n('10'), 10);
    assert.equal(n(' 7 '), 7);
  });

  it('refuses a number outside the bounds, a fraction or text, naming the bounds', () => {
    const n = intIn(0, 20);
    for (const bad of ['-1', '21', '2.5', 'ten', 'NaN', 'Infinity'])
      assert.throws(
        () => n(bad),
        (e: unknown) => e instanceof InvalidArgumentError && /from 0 to 20/.test(e.message),
        bad,
      );
  });

  it('offers only the known severities and finding formats', () => {
    assert.deepEqual(failOnOption().argChoices, ['informational', 'low', 'medium', 'high', 'critical']);
    assert.ok(formatOption().argChoices?.includes('json'));
    assert.ok(!formatOption().argChoices?.includes('html'));
  });
});
