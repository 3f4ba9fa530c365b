import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, summaryJson } from './summary.js';

describe('read summary', () => {
  it('lists rejections with location and reason, capped with a count, neutralised', () => {
    const errors = Array.from({ length: 12 }, (_, i) => ({
      location: `f${i}.json#${i}`,
      reason: 'invalid JSON',
    }));
    errors[0] = { location: 's3://b/evil\u001b[2J.json', reason: 'eventName: expected string\u009b' };
    const text = formatSummary(
      'events',
      { files: 3, records: 12_345, matched: 2, rejected: 40, errors },
      ['clamped'],
      10,
    );
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], 'events: 3 files, 12,345 records, 2 matched, 40 rejected');
    assert.equal(lines[1], '  rejected s3://b/evil\\x1b[2J.json: eventName: expected string\\x9b');
    assert.equal(lines.filter((l) => l.startsWith('  rejected ')).length, 10);
    assert.equal(lines[11], '  ... and 30 more rejected (--format json lists up to 1,000)');
    assert.equal(lines[12], 'note: clamped');
  });

  it('keeps exactly the JSON contract fields', () => {
    const full = {
      files: 1,
      records: 2,
      matched: 1,
      rejected: 0,
      errors: [],
      skippedFiles: 4,
      bytesIn: 9,
      notices: [],
    };
    assert.deepEqual(Object.keys(summaryJson(full)), ['files', 'records', 'matched', 'rejected', 'errors']);
  });
});
