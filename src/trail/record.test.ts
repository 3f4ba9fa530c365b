import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRecord, fieldValue, principalOf } from './record.js';

const base = {
  eventVersion: '1.08',
  eventTime: '2026-11-01T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'ListBuckets',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice' },
  resources: [{ ARN: 'arn:aws:s3:::a' }, { ARN: 'arn:aws:s3:::b' }],
  someFutureField: { kept: true },
};

describe('checkRecord', () => {
  it('accepts a record and keeps unknown fields', () => {
    const check = checkRecord(base);
    assert.equal(check.ok, true);
    assert.deepEqual(check.ok && (check.record as Record<string, unknown>).someFutureField, { kept: true });
  });
  it('rejects a record without eventName, naming the field', () => {
    const { eventName: _, ...rest } = base;
    const check = checkRecord(rest);
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.reason : '', /eventName/);
  });
  it('rejects a wrongly typed field and a bad time', () => {
    const wrongType = checkRecord({ ...base, sourceIPAddress: 42 });
    assert.equal(wrongType.ok, false);
    assert.match(!wrongType.ok ? wrongType.reason : '', /sourceIPAddress/);
    const badTime = checkRecord({ ...base, eventTime: 'yesterday' });
    assert.match(!badTime.ok ? badTime.reason : '', /eventTime/);
  });
  it("takes a SIEM export's @timestamp as the event time when eventTime is missing", () => {
    const { eventTime: _, ...rest } = base;
    const check = checkRecord({ ...rest, '@timestamp': '2020-09-14T00:44:23.000Z' });
    assert.equal(check.ok && check.record.eventTime, '2020-09-14T00:44:23.000Z');
    assert.equal(checkRecord({ ...rest, '@timestamp': 'not a time' }).ok, false);
    assert.equal(
      checkRecord({ ...base, '@timestamp': '1999-01-01T00:00:00Z' }).ok && base.eventTime,
      base.eventTime,
    );
  });
  it('rejects values that are not objects', () => {
    assert.equal(checkRecord(null).ok, false);
    assert.equal(checkRecord([1, 2]).ok, false);
    assert.equal(checkRecord('text').ok, false);
  });
});

describe('fieldValue and principalOf', () => {
  it('follows dotted paths and searches lists', () => {
    assert.equal(fieldValue(base, 'userIdentity.userName'), 'alice');
    assert.deepEqual(fieldValue(base, 'resources.ARN'), ['arn:aws:s3:::a', 'arn:aws:s3:::b']);
    assert.equal(fieldValue(base, 'userIdentity.nothing'), undefined);
  });
  it('names the principal by ARN first', () => {
    const check = checkRecord(base);
    assert.ok(check.ok);
    assert.equal(principalOf(check.record), 'arn:aws:iam::111122223333:user/alice');
  });
});
