import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarrisonError } from '../errors.js';
import { parseTime } from './time.js';

describe('parseTime', () => {
  const now = Date.UTC(2024, 4, 10, 12, 0, 0);

  it('reads relative times as that long before now', () => {
    assert.equal(parseTime('30m', now), now - 30 * 60_000);
    assert.equal(parseTime('24h', now), now - 86_400_000);
    assert.equal(parseTime('7d', now), now - 7 * 86_400_000);
    assert.equal(parseTime('2w', now), now - 14 * 86_400_000);
    assert.equal(parseTime(' 45s ', now), now - 45_000);
  });

  it('reads ISO 8601 dates and times, with zones', () => {
    assert.equal(parseTime('2024-05-01T12:00:00Z', now), Date.UTC(2024, 4, 1, 12));
    assert.equal(parseTime('2024-05-01T12:00:00.250Z', now), Date.UTC(2024, 4, 1, 12, 0, 0, 250));
    assert.equal(parseTime('2024-05-01T14:00:00+02:00', now), Date.UTC(2024, 4, 1, 12));
    assert.equal(parseTime('2024-05-01', now), Date.UTC(2024, 4, 1));
  });

  it('refuses anything else with a usage error and a hint', () => {
    for (const bad of [
      '',
      'yesterday',
      '24',
      '5y',
      '-3h',
      '2024-13-45T99:99:99Z',
      '2024-05-01T12:00:00Z; rm -rf /',
      '1e3h',
    ]) {
      assert.throws(
        () => parseTime(bad, now),
        (error: unknown) =>
          error instanceof GarrisonError && error.code === 'usage' && error.hint !== undefined,
        bad,
      );
    }
  });
});
