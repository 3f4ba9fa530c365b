import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dayFolders,
  dayWindow,
  followFolder,
  levelUnder,
  locationInScope,
  parseDeliveredKey,
  prunesBelow,
} from './delivery-layout.js';

const KEY =
  'trails/AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2026/03/14/111122223333_CloudTrail_eu-west-1_20260314T0105Z_x.json.gz';

describe('the delivered layout', () => {
  it('reads account, region, day and organisation from a key', () => {
    assert.deepEqual(parseDeliveredKey(KEY), {
      org: 'o-abc123',
      account: '111122223333',
      kind: 'CloudTrail',
      region: 'eu-west-1',
      day: '2026-03-14',
    });
    assert.equal(parseDeliveredKey('exports/records.json'), undefined);
    assert.equal(
      parseDeliveredKey('C:\\logs\\AWSLogs\\111122223333\\CloudTrail\\us-east-1\\2026\\01\\02\\f.json')?.day,
      '2026-01-02',
    );
  });

  it('names the level of the folders under a prefix', () => {
    assert.equal(levelUnder(''), 'outside');
    assert.equal(levelUnder('trails/'), 'outside');
    assert.equal(levelUnder('AWSLogs/'), 'account');
    assert.equal(levelUnder('AWSLogs/1111'), 'account');
    assert.equal(levelUnder('AWSLogs/o-abc/'), 'account');
    assert.equal(levelUnder('AWSLogs/o-abc/111122223333/'), 'service');
    assert.equal(levelUnder('AWSLogs/111122223333/CloudTrail/'), 'region');
    assert.equal(levelUnder('AWSLogs/111122223333/CloudTrail/us-east-1/'), 'year');
    assert.equal(levelUnder('AWSLogs/111122223333/CloudTrail/us-east-1/2026/'), 'month');
    assert.equal(levelUnder('AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/'), 'day');
    assert.equal(levelUnder('AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/14/'), 'files');
  });

  it('keeps one day of margin each side of since/until', () => {
    const scope = { since: new Date('2026-03-14T00:30:00Z'), until: new Date('2026-03-15T12:00:00Z') };
    assert.deepEqual(dayWindow(scope), { first: '2026-03-13', last: '2026-03-16' });
    const at = (day: string) => KEY.replace('2026/03/14', day);
    assert.equal(locationInScope(at('2026/03/12'), scope), false);
    assert.equal(locationInScope(at('2026/03/13'), scope), true);
    assert.equal(locationInScope(at('2026/03/16'), scope), true);
    assert.equal(locationInScope(at('2026/03/17'), scope), false);
  });

  it('prunes by account and region, always skips digests, keeps files outside the layout', () => {
    assert.equal(locationInScope(KEY, { accounts: ['111122223333'], regions: ['eu-west-1'] }), true);
    assert.equal(locationInScope(KEY, { accounts: ['999988887777'] }), false);
    assert.equal(locationInScope(KEY, { regions: ['us-east-1'] }), false);
    assert.equal(locationInScope(KEY.replace('/CloudTrail/', '/CloudTrail-Digest/'), {}), false);
    assert.equal(locationInScope('incident/export.json', { accounts: ['999988887777'] }), true);
  });

  it('decides which folders to follow', () => {
    const scope = {
      since: new Date('2026-03-14T00:00:00Z'),
      until: new Date('2026-03-14T23:00:00Z'),
      accounts: ['111122223333'],
    };
    assert.equal(followFolder('account', '111122223333', 'AWSLogs/111122223333/', scope), true);
    assert.equal(followFolder('account', '444455556666', 'AWSLogs/444455556666/', scope), false);
    assert.equal(followFolder('account', 'o-abc123', 'AWSLogs/o-abc123/', scope), true);
    assert.equal(followFolder('service', 'CloudTrail-Digest', 'x/CloudTrail-Digest/', scope), false);
    assert.equal(followFolder('year', '2026', 'AWSLogs/1/CloudTrail/r/2026/', scope), true);
    assert.equal(followFolder('year', '2025', 'AWSLogs/1/CloudTrail/r/2025/', scope), false);
    assert.equal(followFolder('month', '02', 'AWSLogs/1/CloudTrail/r/2026/02/', scope), false);
    assert.equal(followFolder('day', '15', 'AWSLogs/1/CloudTrail/r/2026/03/15/', scope), true);
    assert.equal(followFolder('day', '16', 'AWSLogs/1/CloudTrail/r/2026/03/16/', scope), false);
    assert.equal(followFolder('day', '16', 'AWSLogs/1/CloudTrail/r/2026/03/16/', {}), true);
  });

  it('lists flat once nothing below can be pruned', () => {
    assert.equal(prunesBelow('outside', {}), false);
    assert.equal(prunesBelow('account', { accounts: ['111122223333'] }), true);
    assert.equal(prunesBelow('region', { accounts: ['111122223333'] }), false);
    assert.equal(prunesBelow('region', { regions: ['us-east-1'] }), true);
    assert.equal(prunesBelow('year', { regions: ['us-east-1'] }), false);
    assert.equal(prunesBelow('day', { until: new Date() }), true);
    assert.equal(prunesBelow('files', { since: new Date() }), false);
  });

  it('names the day folders of a short bounded window, across a month end', () => {
    const days = dayFolders({
      since: new Date('2026-02-28T10:00:00Z'),
      until: new Date('2026-03-01T10:00:00Z'),
    });
    assert.deepEqual(days, ['2026/02/27/', '2026/02/28/', '2026/03/01/', '2026/03/02/']);
    assert.equal(dayFolders({ since: new Date('2026-01-01T00:00:00Z') }), undefined);
    assert.equal(
      dayFolders({ since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-03-01T00:00:00Z') }),
      undefined,
    );
  });
});
