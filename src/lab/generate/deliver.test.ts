import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { isGarrisonError } from '../../errors.js';
import { attackStory } from './attack-story.js';
import { deliverRecords } from './deliver.js';
import { LOG_FILE_KEY } from './layout.js';

const story = attackStory({
  accountId: '123456789012',
  region: 'eu-west-1',
  start: '2026-11-19T14:07:00Z',
  instanceId: 'i-0123456789abcdef0',
  instanceRoleName: 'web-role',
  dataBucket: 'data',
});

describe('deliverRecords', () => {
  it('packs a story into five-minute files per region, in the delivered layout', () => {
    const files = deliverRecords(story.records, { accountId: '123456789012', seed: 1 });
    assert.deepEqual(new Set(files.map((f) => f.region)), new Set(['eu-west-1', 'us-east-1']));
    let total = 0;
    for (const file of files) {
      assert.match(file.key, LOG_FILE_KEY);
      assert.ok(file.key.includes(`/CloudTrail/${file.region}/2026/11/19/`));
      const text = gunzipSync(file.body).toString();
      assert.ok(text.startsWith('{"Records":[{"eventVersion":'));
      const records = JSON.parse(text).Records as Array<{ awsRegion: string; eventTime: string }>;
      assert.equal(records.length, file.records);
      const windows = new Set(records.map((r) => Math.floor(Date.parse(r.eventTime) / 300_000)));
      assert.equal(windows.size, 1, 'one five-minute window a file');
      for (const r of records) assert.equal(r.awsRegion, file.region);
      total += records.length;
    }
    assert.equal(total, story.records.length);
    assert.deepEqual(
      deliverRecords(story.records, { accountId: '123456789012', seed: 1 }),
      files,
      'deterministic',
    );
    assert.ok(
      deliverRecords(story.records, { accountId: '123456789012', prefix: 'trail/' })[0]?.key.startsWith(
        'trail/AWSLogs/',
      ),
    );
  });

  it('refuses records it cannot place, and a bad account id', () => {
    const bad = [{ ...story.records[0], awsRegion: '../../x' }];
    assert.throws(
      () => deliverRecords(bad, { accountId: '123456789012' }),
      (e: unknown) => isGarrisonError(e) && /region and time/.test(e.message),
    );
    assert.throws(() => deliverRecords(story.records, { accountId: 'abc' }), isGarrisonError);
  });
});
