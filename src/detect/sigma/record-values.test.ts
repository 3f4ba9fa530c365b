import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { valuesAt } from './record-values.js';

/** The plain definition: a list met anywhere stands for each of its elements. */
function reference(record: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [record];
  const children = (value: unknown, key: string, into: unknown[]): void => {
    if (Array.isArray(value)) for (const item of value) children(item, key, into);
    else if (value !== null && typeof value === 'object' && Object.hasOwn(value, key)) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) into.push(child);
    }
  };
  for (const key of path) {
    const next: unknown[] = [];
    for (const value of current) children(value, key, next);
    current = next;
  }
  return current.flat(Number.POSITIVE_INFINITY);
}

describe('valuesAt', () => {
  const record = {
    eventName: 'PutBucketPolicy',
    userIdentity: { type: 'IAMUser', arn: 'arn:a', sessionContext: { sessionIssuer: { arn: 'arn:b' } } },
    resources: [{ ARN: 'r1', tags: ['a', ['b']] }, { ARN: 'r2' }, null, 'text', { type: undefined }],
    requestParameters: { policy: { Statement: [{ Effect: 'Allow' }, { Effect: 'Deny' }] }, none: null, n: 0 },
    lists: [[{ a: 1 }], [{ a: 2 }, { b: 3 }]],
    missing: undefined,
    toString: 'own',
  };
  const paths = [
    'eventName',
    'userIdentity.type',
    'userIdentity.sessionContext.sessionIssuer.arn',
    'userIdentity.arn.length',
    'resources',
    'resources.ARN',
    'resources.tags',
    'resources.type',
    'requestParameters.policy.Statement.Effect',
    'requestParameters.none',
    'requestParameters.n',
    'requestParameters.none.x',
    'lists.a',
    'missing',
    'missing.x',
    'absent.x',
    'toString',
    'constructor',
    'eventName.length',
  ];

  it('reads every path as the plain definition does, lists flattened', () => {
    for (const path of paths) {
      const split = path.split('.');
      assert.deepEqual(valuesAt(record, split), reference(record, split), path);
    }
  });

  it('reads from a list or a scalar at the top as well', () => {
    for (const top of [[record, { eventName: 'B' }], 'text', null, 3])
      assert.deepEqual(valuesAt(top, ['eventName']), reference(top, ['eventName']));
    assert.deepEqual(valuesAt([1, [2]], []), [1, 2]);
    assert.deepEqual(valuesAt(record, ['resources', 'ARN']), ['r1', 'r2']);
    assert.deepEqual(valuesAt(record, ['constructor']), [], 'only own fields');
  });
});
