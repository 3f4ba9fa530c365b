import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileFieldCondition } from './field-condition.js';
import { allHold, anyHolds, holdsForAny } from './tests-of.js';

describe('combining tests', () => {
  const even = (n: number) => n % 2 === 0;
  const small = (n: number) => n < 10;

  it('all, any and for-any, empty lists included', () => {
    assert.equal(allHold([even, small], 4), true);
    assert.equal(allHold([even, small], 12), false);
    assert.equal(allHold([], 1), true);
    assert.equal(anyHolds([even, small], 13), false);
    assert.equal(anyHolds([even, small], 12), true);
    assert.equal(anyHolds([], 1), false);
    assert.equal(holdsForAny([1, 3, 4], even), true);
    assert.equal(holdsForAny([1, 3], even), false);
    assert.equal(holdsForAny([], even), false);
  });

  it('neq and all in field conditions: one value or every value, absent fields never match', () => {
    const region = (key: string, values: string[], awsRegion?: string) =>
      compileFieldCondition(key, values).test(awsRegion === undefined ? {} : { awsRegion });
    assert.equal(region('awsRegion|neq', ['us-east-1', 'eu-west-1'], 'us-east-1'), true, 'differs from one');
    assert.equal(region('awsRegion|neq|all', ['us-east-1', 'eu-west-1'], 'us-east-1'), false);
    assert.equal(region('awsRegion|neq|all', ['us-east-1', 'eu-west-1'], 'ap-south-1'), true);
    assert.equal(region('awsRegion|neq', ['us-east-1'], 'us-east-1'), false);
    assert.equal(region('awsRegion|neq', ['us-east-1'], undefined), false);
    assert.equal(region('awsRegion|contains|all', ['us', 'east'], 'us-east-1'), true);
    assert.equal(region('awsRegion|contains|all', ['us', 'west'], 'us-east-1'), false);
    assert.equal(region('awsRegion', ['us-west-2', 'us-east-1'], 'us-east-1'), true);
  });
});
