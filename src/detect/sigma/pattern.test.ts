import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerCase, stringTest } from './pattern.js';

describe('lowerCase', () => {
  it('lowers each text, whatever was lowered before', () => {
    for (const text of ['TruffleHog', 'TruffleHog', 'KALI', '', 'Kali', 'KALI', '\u212aELVIN'])
      assert.equal(lowerCase(text), text.toLowerCase(), text);
  });
});

describe('case-insensitive literal tests over values seen in turn', () => {
  it('test each value, not the one before', () => {
    const trufflehog = stringTest('trufflehog', 'contains', false);
    const kali = stringTest('kali', 'startswith', false);
    const values = ['TruffleHog/3', 'Kali Linux', 'aws-cli/2', 'KALI', 'trufflehog'];
    assert.deepEqual(
      values.map((v) => [trufflehog(v), kali(v)]),
      [
        [true, false],
        [false, true],
        [false, false],
        [false, true],
        [true, false],
      ],
    );
  });
});
