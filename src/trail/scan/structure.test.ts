import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOneValue } from './structure.js';

function one(text: string): boolean {
  const buf = Buffer.from(`xx${text}yy`);
  return isOneValue(buf, 2, buf.length - 2);
}

test('one balanced object or array, whatever its strings hold', () => {
  for (const text of [
    '{}',
    '[]',
    '{"a":[1,{"b":"}]"}],"c":{"d":null}}',
    '{"a":"\\"}"}',
    '{"a":"\\\\"}',
    '{"ua":"[{]}\\\\\\"{"}',
    '[{"a":1},{"b":2}]',
  ])
    assert.equal(one(text), true, text);
});

test('pieces of a record split by a nested boundary, two values, open strings: not one value', () => {
  for (const text of [
    '{"a":[{"x":1}', // the piece before a nested {"eventVersion": look-alike
    '{"eventVersion":"1"}]}', // the piece after it
    '{}{}',
    '{"a":1},{"b":2}',
    '{"a":"}',
    '{"a":"\\"}',
    '{"a":"x\\',
    '{"a":{"b":1}',
    '}{',
    '{"a":1}}',
  ])
    assert.equal(one(text), false, text);
});
