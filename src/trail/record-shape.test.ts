import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { loadPack } from '../detect/pack.js';
import { attackStory } from '../lab/generate/attack-story.js';
import { STORY_PARAMS } from '../lab/generate/attack-story.test-data.js';
import { checkRecord, recordSchema } from './record.js';
import { copyRecord, type FieldKind, isRecordAsParsed, RECORD_SHAPE, type Shape } from './record-shape.js';
import { cloudTrailRecordSchema } from './record-zod.js';

/** Deep equality that also requires the same key order, the same prototypes and undefined-valued keys. */
function assertSameCopy(actual: unknown, expected: unknown, path = 'record'): void {
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, path);
    return;
  }
  assert.ok(actual !== null && typeof actual === 'object', `${path}: not an object`);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `${path}: prototype`);
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${path}: list or object`);
  assert.deepEqual(Reflect.ownKeys(actual), Reflect.ownKeys(expected), `${path}: keys`);
  for (const key of Reflect.ownKeys(expected))
    assertSameCopy(
      (actual as Record<PropertyKey, unknown>)[key],
      (expected as Record<PropertyKey, unknown>)[key],
      `${path}.${String(key)}`,
    );
}

const good = {
  extra: 'first in the input, after the schema fields in the copy',
  eventVersion: '1.10',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROA:i-0',
    arn: 'arn:aws:sts::123456789012:assumed-role/r/i-0',
    accountId: '123456789012',
    accessKeyId: 'ASIA',
    sessionContext: {
      sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/r', other: 1 },
      webIdFederationData: {},
      attributes: { creationDate: '2024-05-01T10:33:05Z', mfaAuthenticated: 'false' },
      ec2RoleDelivery: '2.0',
    },
  },
  eventTime: '2024-05-01T10:35:00Z',
  eventSource: 'ssm.amazonaws.com',
  eventName: 'GetParameter',
  awsRegion: 'eu-west-1',
  requestParameters: { name: '/prod', withDecryption: true, 10: 'ten', 2: 'two', nested: { a: [1] } },
  responseElements: null,
  additionalEventData: { MFAUsed: 'No' },
  readOnly: true,
  resources: [{ ARN: 'arn:aws:ssm:::p', type: 'AWS::SSM::Parameter', z: 1 }, { accountId: '1' }],
  managementEvent: false,
  tlsDetails: { tlsVersion: 'TLSv1.3' },
};

/** Records the hand-written check vouches for, each differing from `good` in one way. */
const accepted: unknown[] = [
  good,
  { eventTime: '2024-05-01T10:35:00Z', eventSource: 's', eventName: 'n' },
  { ...good, awsRegion: undefined, userIdentity: undefined, newField: undefined },
  { ...good, requestParameters: {}, resources: [] },
  { ...good, eventTime: 'May 1, 2024 10:35:00' },
  JSON.parse(
    '{"__proto__":{"x":1},"eventTime":"2024-05-01T10:35:00Z","eventSource":"s","eventName":"n","userIdentity":{"__proto__":1,"type":"Root"},"requestParameters":{"__proto__":{"polluted":true},"a":1}}',
  ),
  JSON.parse('{"eventTime":"2024-05-01T10:35:00Z","eventSource":"s","eventName":"n","constructor":"text"}'),
];

/** Inputs the schema rejects: the hand-written check must leave them to it. */
const rejected: unknown[] = [
  null,
  'text',
  42,
  [good],
  {},
  { ...good, eventName: '' },
  { ...good, eventName: undefined },
  { ...good, eventSource: 7 },
  { ...good, eventTime: 'yesterday' },
  { ...good, eventTime: undefined },
  { ...good, awsRegion: 1 },
  { ...good, readOnly: 'true' },
  { ...good, managementEvent: null },
  { ...good, userIdentity: null },
  { ...good, userIdentity: 'alice' },
  { ...good, userIdentity: { type: 5 } },
  { ...good, userIdentity: { sessionContext: { attributes: { mfaAuthenticated: false } } } },
  { ...good, userIdentity: { sessionContext: { sessionIssuer: [] } } },
  { ...good, requestParameters: [] },
  { ...good, requestParameters: 'x' },
  { ...good, responseElements: 3 },
  { ...good, resources: {} },
  { ...good, resources: [null] },
  { ...good, resources: [{ ARN: 1 }] },
  // biome-ignore lint/suspicious/noSparseArray: a hole in a list is what this checks
  { ...good, resources: [, { ARN: 'a' }] },
];

/** Odd objects both must treat alike, whichever decides. */
const odd: unknown[] = [
  Object.assign(Object.create(null), { eventTime: '2024-05-01T10:35:00Z', eventSource: 's', eventName: 'n' }),
  { ...good, requestParameters: Object.assign(Object.create(null), { a: 1 }) },
  { ...good, requestParameters: new Map([['a', 1]]) },
  { ...good, [Symbol('top')]: 1 },
  new Date(0),
];

describe('copyRecord (the hand-written record check)', () => {
  it('copies a good record exactly as the schema does: field order, undefined fields, lists, __proto__ keys', () => {
    for (const [i, value] of accepted.entries()) {
      const copy = copyRecord(value);
      assert.ok(copy, `accepted #${i} is vouched for`);
      const parsed = cloudTrailRecordSchema.safeParse(value);
      assert.ok(parsed.success, `accepted #${i} is valid`);
      assertSameCopy(copy, parsed.data, `accepted #${i}`);
      assert.notEqual(copy, value, 'a copy, as the schema makes');
    }
  });

  it('leaves every record the schema rejects to the schema, so the reasons stay its own', () => {
    for (const [i, value] of rejected.entries()) {
      assert.equal(copyRecord(value), undefined, `rejected #${i}`);
      assert.equal(cloudTrailRecordSchema.safeParse(value).success, false, `rejected #${i} is invalid`);
      const check = checkRecord(value);
      const issue = cloudTrailRecordSchema.safeParse(value).error?.issues[0];
      assert.deepEqual(check, {
        ok: false,
        reason: `${issue?.path.length ? issue.path.join('.') : 'record'}: ${issue?.message}`,
      });
    }
  });

  it('agrees with the schema on odd objects, whichever of the two decides', () => {
    for (const [i, value] of odd.entries()) {
      const copy = copyRecord(value);
      const parsed = cloudTrailRecordSchema.safeParse(value);
      if (copy) assertSameCopy(copy, parsed.data, `odd #${i}`);
      const check = checkRecord(value);
      assert.equal(check.ok, parsed.success, `odd #${i}`);
      if (check.ok) assertSameCopy(check.record, parsed.data, `odd #${i}`);
    }
  });

  it('agrees with the schema on generated trails and every example record of the built-in pack', () => {
    const { records } = attackStory(STORY_PARAMS);
    const examples = loadPack().flatMap((d) => [...d.positive, ...d.negative]);
    let vouched = 0;
    for (const [i, record] of [...records, ...examples].entries()) {
      const value = JSON.parse(JSON.stringify(record));
      const parsed = cloudTrailRecordSchema.safeParse(value);
      const copy = copyRecord(value);
      if (copy) {
        vouched++;
        assert.ok(parsed.success, `#${i} vouched for but invalid`);
        assertSameCopy(copy, parsed.data, `#${i}`);
      } else assert.equal(parsed.success, false, `#${i} valid but left to the schema`);
    }
    assert.ok(vouched > 100, `${vouched} records vouched for`);
  });

  it('leaves a symbol key in a JSON-object field to the schema', () => {
    assert.equal(copyRecord({ ...good, requestParameters: { [Symbol('s')]: 1, a: 1 } }), undefined);
  });

  it('takes @timestamp as the event time, as checkRecord always has', () => {
    const { eventTime: _, ...rest } = good;
    const check = checkRecord({ ...rest, '@timestamp': '2024-05-01T10:35:00Z' });
    assert.equal(check.ok && check.record.eventTime, '2024-05-01T10:35:00Z');
  });

  it('names the same fields, kinds and order as the zod schema', () => {
    const kindOf = (schema: z.ZodType): FieldKind | string => {
      let inner = schema;
      while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
        inner = inner.unwrap() as z.ZodType;
      if (inner instanceof z.ZodObject) return describe(inner) as unknown as FieldKind;
      if (inner instanceof z.ZodArray)
        return { list: describe(inner.element as z.ZodObject) } as unknown as FieldKind;
      if (inner instanceof z.ZodRecord) return 'record';
      if (inner instanceof z.ZodBoolean) return 'boolean';
      return schema instanceof z.ZodOptional ? 'string' : 'required string';
    };
    const describe = (object: z.ZodObject): unknown =>
      Object.fromEntries(Object.entries(object.shape).map(([k, v]) => [k, kindOf(v as z.ZodType)]));
    const mine = (of: Shape): unknown =>
      Object.fromEntries(
        of.keys.map((k) => {
          const kind = of.fields[k] as FieldKind;
          if (kind === 'time' || kind === 'name') return [k, 'required string'];
          if (typeof kind === 'string') return [k, kind];
          return [k, 'list' in kind ? { list: mine(kind.list) } : mine(kind)];
        }),
      );
    const theirs = describe(cloudTrailRecordSchema);
    assert.deepEqual(mine(RECORD_SHAPE), theirs);
    assert.deepEqual(Object.keys(mine(RECORD_SHAPE) as object), Object.keys(theirs as object));
    // checkRecord's own schema, built on first need from zod's CommonJS build, is the same one.
    assert.deepEqual(describe(recordSchema()), theirs);
  });
});

describe('isRecordAsParsed (the check that keeps the parsed object)', () => {
  it('vouches only for records the schema accepts unchanged but for the order of their fields', () => {
    const { records } = attackStory(STORY_PARAMS);
    const examples = loadPack().flatMap((d) => [...d.positive, ...d.negative]);
    const generated = [...records, ...examples].map((r) => JSON.parse(JSON.stringify(r)) as unknown);
    let vouched = 0;
    for (const [i, value] of [...accepted, ...rejected, ...odd, ...generated].entries()) {
      if (!isRecordAsParsed(value)) continue;
      vouched++;
      const parsed = cloudTrailRecordSchema.safeParse(value);
      assert.ok(parsed.success, `#${i} vouched for but invalid`);
      assert.deepStrictEqual(value, parsed.data, `#${i} differs from its copy`);
      const check = checkRecord(value, { asParsed: true });
      assert.ok(check.ok && check.record === value, `#${i} is kept as parsed`);
    }
    assert.ok(vouched > 100, `${vouched} records vouched for`);
  });

  it('leaves records with __proto__ keys, odd objects and bad fields to the copy', () => {
    assert.equal(isRecordAsParsed(accepted[5]), false, '__proto__ keys are dropped by the copy');
    for (const value of [...rejected, ...odd]) assert.equal(isRecordAsParsed(value), false);
    const check = checkRecord(accepted[5], { asParsed: true });
    assert.ok(check.ok && check.record !== accepted[5] && !Object.hasOwn(check.record, '__proto__'));
  });
});
