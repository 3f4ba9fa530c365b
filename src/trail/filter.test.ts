import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarrisonError } from '../errors.js';
import { createMatcher, needlesFor, parseWhere } from './filter.js';
import { isParsedFilter } from './filter-options.js';
import { eventsFilterSpec } from './filter-spec.js';
import { type CloudTrailRecord, checkRecord } from './record.js';
import { BytePeek } from './scan/peek.js';

function record(extra: Record<string, unknown> = {}): CloudTrailRecord {
  const checked = checkRecord({
    eventVersion: '1.08',
    eventTime: '2024-05-01T10:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'Boto3/1.34 Python/3.12',
    readOnly: false,
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLE:mallory-session',
      arn: 'arn:aws:sts::123456789012:assumed-role/Admin/mallory-session',
      accessKeyId: 'ASIAEXAMPLE',
      sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::123456789012:role/Admin', userName: 'Admin' } },
    },
    requestParameters: { userName: 'backdoor', tags: [{ key: 'owner', value: 'x' }] },
    resources: [{ ARN: 'arn:aws:iam::123456789012:user/backdoor' }],
    ...extra,
  });
  assert.ok(checked.ok);
  return checked.record;
}

const origin = { source: 'f', index: 0 };
const matches = (options: unknown, rec = record()) => createMatcher(options).match(rec, origin) !== undefined;
/** The matcher's verdict from the raw bytes alone: must be true whenever the full match is. */
const peekSays = (options: unknown, rec = record()) => {
  const m = createMatcher(options);
  const bytes = Buffer.from(JSON.stringify(rec));
  const needlesOk = !m.needles || m.needles.some((n) => bytes.includes(n));
  return needlesOk && (m.mightMatch?.(new BytePeek(bytes)) ?? true);
};

describe('parseWhere', () => {
  it('reads =, != and ~ with dotted paths; the value may contain operators', () => {
    assert.deepEqual(parseWhere('userIdentity.type=Root'), {
      path: 'userIdentity.type',
      op: 'eq',
      value: 'Root',
    });
    assert.deepEqual(parseWhere('errorCode!=AccessDenied'), {
      path: 'errorCode',
      op: 'ne',
      value: 'AccessDenied',
    });
    assert.deepEqual(parseWhere('userAgent~curl'), { path: 'userAgent', op: 'contains', value: 'curl' });
    assert.deepEqual(parseWhere('requestParameters.policy=a=b~c!=d'), {
      path: 'requestParameters.policy',
      op: 'eq',
      value: 'a=b~c!=d',
    });
    assert.deepEqual(parseWhere('errorCode='), { path: 'errorCode', op: 'eq', value: '' });
  });

  it('refuses clauses without a field or an operator', () => {
    for (const bad of ['', 'eventName', '=x', 'event name=x', '~x']) {
      assert.throws(
        () => parseWhere(bad),
        (e: unknown) => e instanceof GarrisonError && e.code === 'usage',
        bad,
      );
    }
  });
});

describe('the events filter', () => {
  it('ANDs every clause', () => {
    assert.ok(matches({ eventName: 'CreateAccessKey', ip: '203.0.113.7' }));
    assert.ok(!matches({ eventName: 'CreateAccessKey', ip: '198.51.100.1' }));
    assert.ok(matches({}));
  });

  it('matches a principal by ARN, user name, principal id or session issuer', () => {
    for (const principal of [
      'arn:aws:sts::123456789012:assumed-role/Admin/mallory-session',
      'AROAEXAMPLE:mallory-session',
      'arn:aws:iam::123456789012:role/Admin',
      'Admin',
    ]) {
      assert.ok(matches({ principal }), principal);
      assert.ok(peekSays({ principal }), principal);
    }
    assert.ok(!matches({ principal: 'Admi' }));
    assert.ok(!matches({ principal: 'backdoor' }), 'a request parameter is not the principal');
  });

  it('eq is exact, contains ignores case, ne holds when the field is absent; lists are searched', () => {
    assert.ok(matches({ where: [{ path: 'userAgent', op: 'contains', value: 'PYTHON/3' }] }));
    assert.ok(!matches({ where: [{ path: 'userAgent', op: 'eq', value: 'boto3/1.34 python/3.12' }] }));
    assert.ok(matches({ where: [{ path: 'errorCode', op: 'ne', value: 'AccessDenied' }] }));
    assert.ok(!matches({ where: [{ path: 'eventName', op: 'ne', value: 'CreateAccessKey' }] }));
    assert.ok(
      matches({
        where: [{ path: 'resources.ARN', op: 'eq', value: 'arn:aws:iam::123456789012:user/backdoor' }],
      }),
    );
    assert.ok(matches({ where: [{ path: 'requestParameters.tags.key', op: 'eq', value: 'owner' }] }));
    assert.ok(matches({ where: [{ path: 'readOnly', op: 'eq', value: 'false' }] }));
    assert.ok(peekSays({ where: [{ path: 'readOnly', op: 'eq', value: 'false' }] }));
  });

  it('filters on time, access key, event source and errors', () => {
    assert.ok(matches({ since: '2024-05-01T09:00:00Z', until: Date.UTC(2024, 4, 1, 11) }));
    assert.ok(!matches({ since: '2024-05-01T10:00:01Z' }));
    assert.ok(matches({ accessKey: 'ASIAEXAMPLE', eventSource: 'iam.amazonaws.com' }));
    assert.ok(!matches({ errorsOnly: true }));
    assert.ok(matches({ errorsOnly: true }, record({ errorCode: 'AccessDenied' })));
    assert.ok(!peekSays({ errorsOnly: true }));
  });

  it('derives needles that occur in the bytes of every matching record', () => {
    assert.deepEqual(needlesFor('ConsoleLogin'), ['"ConsoleLogin"']);
    assert.deepEqual(needlesFor('arn:aws:iam::1:user/a'), [
      '"arn:aws:iam::1:user/a"',
      '"arn:aws:iam::1:user\\/a"',
    ]);
    assert.equal(needlesFor('true'), undefined);
    assert.equal(needlesFor('42'), undefined);
    assert.deepEqual(needlesFor('évil"name'), ['name']);
    assert.equal(needlesFor('é"x'), undefined);
    assert.deepEqual(needlesFor('<script>alert(1)</script>'), ['script']);
    const m = createMatcher({
      eventName: 'ConsoleLogin',
      where: [{ path: 'userAgent', op: 'contains', value: 'x' }],
    });
    assert.deepEqual(m.needles, ['"ConsoleLogin"']);
    assert.equal(createMatcher({ where: [{ path: 'a', op: 'contains', value: 'x' }] }).needles, undefined);
  });

  it('peeks never rule out a record the full match accepts, even with hostile values', () => {
    const hostile = ['quo"te', 'back\\slash', '\u001b[2J', 'ünï', 'a/b', '=HYPERLINK("x")', ''];
    for (const value of hostile) {
      const rec = record({ userAgent: value, eventName: value || 'X' });
      for (const options of [
        { where: [{ path: 'userAgent', op: 'eq', value }] },
        { where: [{ path: 'userAgent', op: 'contains', value: value.slice(1).toUpperCase() }] },
        { eventName: value || 'X' },
      ]) {
        if (matches(options, rec)) assert.ok(peekSays(options, rec), `${JSON.stringify(options)}`);
      }
    }
  });

  it('refuses invalid options and builds a spec pointing at this module', () => {
    assert.throws(() => createMatcher({ where: [{ path: 'x', op: 'like', value: 'y' }] }), GarrisonError);
    assert.throws(() => createMatcher({ since: 'not a time' }), GarrisonError);
    assert.throws(
      () => eventsFilterSpec({ since: 'yesterday-ish' }),
      GarrisonError,
      'checked before any read',
    );
    const spec = eventsFilterSpec({ eventName: 'ConsoleLogin', since: '2024-05-01T00:00:00Z' });
    assert.match(spec.module, /^file:.*\/filter\.js$/);
    // Handed over parsed: the time as epoch ms, `where` present; workers then need no zod.
    assert.deepEqual(spec.options, {
      eventName: 'ConsoleLogin',
      since: Date.parse('2024-05-01T00:00:00Z'),
      where: [],
    });
    assert.equal(isParsedFilter(spec.options), true);
  });

  it('takes parsed options as they are, and parses any other form (the same answers)', () => {
    for (const raw of [{}, { eventName: 'X', until: '2024-05-02T00:00:00Z' }])
      assert.equal(isParsedFilter(raw), false, JSON.stringify(raw));
    assert.equal(isParsedFilter({ where: [{ path: 'a', op: 'eq', value: 'b' }], since: 0 }), true);
    for (const bad of [
      null,
      [],
      { where: [{ path: '', op: 'eq', value: 'b' }] },
      { where: [{ path: 'a', op: 'like', value: 'b' }] },
      { where: [], since: Number.NaN },
      { where: [], eventName: 7 },
      { where: [], errorsOnly: 'yes' },
    ])
      assert.equal(isParsedFilter(bad), false, JSON.stringify(bad));
    const record = checkRecord({ eventTime: '2024-05-01T12:00:00Z', eventSource: 's', eventName: 'X' });
    assert.ok(record.ok);
    const origin = { source: 'f', index: 0 };
    for (const options of [
      { eventName: 'X', until: '2024-05-02T00:00:00Z' },
      { eventName: 'X', until: '2024-05-01T00:00:00Z' },
    ]) {
      const parsed = eventsFilterSpec(options).options;
      assert.equal(
        createMatcher(parsed).match(record.record, origin) !== undefined,
        createMatcher(options).match(record.record, origin) !== undefined,
      );
    }
  });
});
