import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeRecords, pick, rng, shuffle } from '../../../test/helpers/trail-data.js';
import { PEEKABLE_FIELDS } from '../../detect/sigma/field-condition.js';
import { valuesAt } from '../../detect/sigma/record-values.js';
import { HeadPeek } from './head-peek.js';

/** A peek aimed as the fast path aims it: at the record's only eventTime key, with its probe bits. */
function aimed(record: unknown, probes: readonly string[] = []) {
  const text = Buffer.from(JSON.stringify(record));
  const key = text.indexOf('"eventTime":"');
  assert.equal(text.indexOf('"eventTime":"', key + 1), -1, 'one eventTime key');
  const peek = new HeadPeek(text);
  peek.probing(probes);
  let mask = 0;
  probes.forEach((probe, bit) => {
    if (text.includes(JSON.stringify(probe))) mask |= 1 << bit;
  });
  return peek.aim(text, 0, text.length, key, mask);
}

const ROLE_SESSION = {
  eventVersion: '1.10',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLE:i-0abc',
    arn: 'arn:aws:sts::123456789012:assumed-role/web/i-0abc',
    accountId: '123456789012',
    sessionContext: {
      sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/web', userName: 'web' },
      attributes: { creationDate: '2024-05-01T10:00:00Z', mfaAuthenticated: 'false' },
    },
    invokedBy: 'ec2.amazonaws.com',
  },
  eventTime: '2024-05-01T10:35:00Z',
  eventSource: 'ssm.amazonaws.com',
  eventName: 'GetParameter',
  awsRegion: 'eu-west-1',
  sourceIPAddress: '203.0.113.7',
  userAgent: 'evil"quote \\ {"eventName":"DeleteTrail"} ünï',
  requestParameters: { name: '/prod/db', errorCode: 'nested, not the record one' },
  responseElements: null,
  eventID: 'e1',
  recipientAccountId: '123456789012',
};

describe('HeadPeek: the fields of a record head, read from its bytes', () => {
  it('answers the head fields exactly, escapes decoded, nested look-alikes ignored', () => {
    const peek = aimed(ROLE_SESSION);
    assert.deepEqual(peek.field('eventName'), ['GetParameter']);
    assert.deepEqual(peek.field('userAgent'), [ROLE_SESSION.userAgent]);
    assert.deepEqual(peek.field('userIdentity.type'), ['AssumedRole']);
    // After the sessionContext object, which holds a `type` of its own.
    assert.deepEqual(peek.field('userIdentity.invokedBy'), ['ec2.amazonaws.com']);
    assert.deepEqual(peek.field('userIdentity.userName'), [], 'read to its end: not there');
    // The whole-record peek would also see sessionIssuer's type and userName.
    assert.deepEqual(peek.strings('type').sort(), ['AssumedRole', 'Role']);
  });

  it('says a top-level key is absent only when the scanner probed the record for it', () => {
    const unprobed = aimed(ROLE_SESSION);
    assert.deepEqual(unprobed.field('errorCode'), ['nested, not the record one'], 'over-approximates');
    assert.deepEqual(unprobed.field('eventID'), ['e1'], 'found once past the head');
    assert.deepEqual(unprobed.probes(), [], 'found: nothing to probe for');
    const { requestParameters: _, ...plain } = ROLE_SESSION;
    const without = aimed(plain);
    assert.deepEqual(without.field('errorCode'), []);
    assert.deepEqual(without.probes(), ['errorCode'], 'not found: asks for the key to be probed');
    assert.deepEqual(aimed(plain, ['errorCode']).field('errorCode'), [], 'probed: nowhere');
    const late = { ...plain, errorCode: 'AccessDenied' }; // after the head, as in shuffled files
    assert.deepEqual(aimed(late, ['errorCode']).field('errorCode'), ['AccessDenied']);
  });

  it('falls back to the whole record when not aimed or not in AWS order', () => {
    const text = Buffer.from(JSON.stringify(shuffle(rng(3), ROLE_SESSION)));
    const peek = new HeadPeek(text);
    assert.deepEqual(peek.field('eventName'), ['GetParameter']);
    peek.aim(text, 0, text.length, text.indexOf('"eventTime":"'));
    assert.deepEqual(peek.field('eventName'), ['GetParameter']);
    assert.ok(peek.field('userIdentity.type').includes('AssumedRole'));
    peek.reset(text, 0, text.length);
    assert.ok(peek.field('userIdentity.type').includes('Role'), 'reset: whole-record answers');
  });

  it('never misses a value on randomized, hostile and reordered records', () => {
    const r = rng(11);
    const fields = [...PEEKABLE_FIELDS];
    for (const [i, base] of makeRecords(9, 400, true).entries()) {
      const record: Record<string, unknown> = i % 3 === 0 ? shuffle(r, base) : base;
      if (i % 4 === 0) record.errorMessage = pick(r, ['x"y', 'denied', '\\']);
      const text = JSON.stringify(record);
      if (text.split('"eventTime":"').length !== 2) continue;
      const peek = aimed(record, i % 2 ? ['errorCode', 'errorMessage'] : []);
      for (const field of fields) {
        const truth = valuesAt(record, field.split('.')).filter((v) => typeof v === 'string');
        const seen = peek.field(field);
        for (const value of truth)
          assert.ok(seen.includes(value), `record ${i}: ${field} ${value} in ${seen}`);
      }
    }
  });
});
