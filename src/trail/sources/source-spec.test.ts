import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GarrisonError } from '../../errors.js';
import { isBlobSource, parseSourceSpec } from './source-spec.js';

function usage(pattern: RegExp) {
  return (error: unknown) =>
    error instanceof GarrisonError &&
    error.code === 'usage' &&
    pattern.test(error.message) &&
    Boolean(error.hint);
}

describe('parseSourceSpec', () => {
  it('reads every source form', () => {
    const dir = mkdtempSync(join(tmpdir(), 'garrison-spec-'));
    try {
      assert.deepEqual(parseSourceSpec(dir), { kind: 'path', spec: dir, path: dir });
      assert.deepEqual(parseSourceSpec('-'), { kind: 'stdin', spec: '-' });
      assert.deepEqual(parseSourceSpec('s3://b-1/AWSLogs/'), {
        kind: 's3',
        spec: 's3://b-1/AWSLogs/',
        location: { bucket: 'b-1', prefix: 'AWSLogs/' },
      });
      assert.deepEqual(parseSourceSpec('cloudtrail:eu-central-1'), {
        kind: 'lookup',
        spec: 'cloudtrail:eu-central-1',
        region: 'eu-central-1',
      });
      assert.deepEqual(parseSourceSpec('cloudtrail:us-gov-west-1').kind, 'lookup');
      assert.deepEqual(parseSourceSpec('logs:/aws/trail:123_CloudTrail'), {
        kind: 'logs',
        spec: 'logs:/aws/trail:123_CloudTrail',
        location: { group: '/aws/trail', streamPrefix: '123_CloudTrail' },
      });
      assert.equal(isBlobSource(parseSourceSpec('-')), true);
      assert.equal(isBlobSource(parseSourceSpec('cloudtrail:us-east-1')), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses unknown forms, missing paths and bad regions with a usage error and hint', () => {
    assert.throws(() => parseSourceSpec('https://example.com/trail.json'), usage(/unknown source/));
    assert.throws(() => parseSourceSpec('gs://bucket/x'), usage(/unknown source/));
    assert.throws(() => parseSourceSpec('/no/such/trail.json.gz'), usage(/no such file or folder/));
    assert.throws(() => parseSourceSpec(''), usage(/no such file/));
    assert.throws(() => parseSourceSpec('cloudtrail:'), usage(/not a region/));
    assert.throws(() => parseSourceSpec('cloudtrail:us-east-1;rm -rf'), usage(/not a region/));
    assert.throws(() => parseSourceSpec('s3://'), usage(/not an S3 location/));
  });
});
