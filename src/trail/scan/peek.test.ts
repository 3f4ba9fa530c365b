import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BytePeek, ObjectPeek, searchStrings } from './peek.js';
import { StringPairs } from './peek-pairs.js';

const record = {
  eventVersion: '1.10',
  userIdentity: {
    type: 'AssumedRole',
    arn: 'arn:aws:sts::123456789012:assumed-role/r/s',
    sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/r' } },
  },
  eventTime: '2024-05-01T10:35:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'CreateUser',
  userAgent: 'kali "quoted" \\ back\\slash \u00e9t\u00e9 \u2603',
  requestParameters: {
    userName: 'x',
    tags: [{ key: 'type', value: 'type' }],
    count: 3,
    flag: true,
    none: null,
  },
  resources: [{ type: 'AWS::IAM::User', ARN: 'arn:aws:iam::123456789012:user/x' }],
  'we"ird': 'k\u0000ey',
  '': 'empty key',
  eventID: '',
};
const KEYS = [
  'type',
  'arn',
  'eventName',
  'userAgent',
  'userName',
  'key',
  'value',
  'count',
  'flag',
  'none',
  'we"ird',
  '',
  'eventID',
  'missing',
  'ARN',
];

function peekOf(text: string): BytePeek {
  return new BytePeek(Buffer.from(text));
}

describe('BytePeek', () => {
  for (const [label, text] of [
    ['compact JSON', JSON.stringify(record)],
    ['pretty-printed JSON', JSON.stringify(record, null, 2)],
    ['tab-indented JSON with CRLF', JSON.stringify(record, null, '\t').replaceAll('\n', '\r\n')],
  ] as const) {
    it(`reads every key as the key-by-key search and the parsed record do (${label})`, () => {
      const peek = peekOf(text);
      const reference = new ObjectPeek(JSON.parse(text));
      for (const key of KEYS) {
        assert.deepEqual(peek.strings(key), searchStrings(Buffer.from(text), key), key);
        assert.deepEqual([...peek.strings(key)].sort(), reference.strings(key).sort(), key);
      }
    });
  }

  it('finds string values only: numbers, booleans, null, objects and lists are not strings', () => {
    const peek = peekOf('{"a":1,"b":true,"c":null,"d":{"a":"x"},"e":["a"],"f":"a"}');
    assert.deepEqual(peek.strings('a'), ['x']);
    assert.deepEqual(peek.strings('d'), []);
    assert.deepEqual(peek.strings('f'), ['a']);
    assert.deepEqual(peek.strings('e'), []);
  });

  it('does not take a value that looks like a key for one', () => {
    assert.deepEqual(peekOf('{"a":"eventName","b":"x"}').strings('eventName'), []);
    assert.deepEqual(peekOf('{"k":"say \\"eventName\\": \\"x\\""}').strings('eventName'), []);
  });

  it('falls back to the key-by-key search for records it cannot read in one pass', () => {
    for (const text of [
      '{"eventName":"CreateUser","userAgent":"unterminated',
      '{"a":"b":"eventName","eventName":"X"}',
      '{"eventName":"A","x":"tail\\',
    ]) {
      const peek = peekOf(text);
      for (const key of ['eventName', 'b', 'a', 'x'])
        assert.deepEqual(peek.strings(key), searchStrings(Buffer.from(text), key), `${text} ${key}`);
    }
    assert.deepEqual(peekOf('{"a":"b":"c"}').strings('b'), ['c']);
  });

  it('keeps a malformed escape as written instead of failing', () => {
    assert.deepEqual(peekOf('{"a":"bad \\x escape"}').strings('a'), ['bad \\x escape']);
  });

  it('answers for the record it points at after reset, not the previous one', () => {
    const buf = Buffer.from('{"eventName":"A","t":"Root"}{"eventName":"B","t":"None"}');
    const split = buf.indexOf('}{') + 1;
    const peek = new BytePeek(buf, 0, split);
    assert.deepEqual(peek.strings('eventName'), ['A']);
    assert.equal(peek.contains('Root'), true);
    peek.reset(buf, split, buf.length);
    assert.deepEqual(peek.strings('eventName'), ['B']);
    assert.equal(peek.contains('Root'), false);
    assert.equal(peek.contains('None'), true);
    peek.reset(buf, 0, split);
    assert.deepEqual(peek.strings('eventName'), ['A']);
  });

  it('answers the same whether it reads all keys at once or searches key by key', () => {
    const text = JSON.stringify(record);
    const buf = Buffer.from(text + text);
    const peek = new BytePeek(buf, 0, text.length);
    for (const asked of [1, 5, 1, 2, 3, 1, 15, 1]) {
      // Each record's answers, after a record that needed `asked` keys.
      for (const key of KEYS.slice(0, asked)) peek.strings(key);
      peek.reset(buf, text.length, buf.length);
      for (const key of KEYS) assert.deepEqual(peek.strings(key), searchStrings(Buffer.from(text), key), key);
      peek.reset(buf, 0, text.length);
    }
  });

  it('reads all keys at once after a record that needed three keys, else searches the first two', () => {
    // A key holding an escaped quote: the byte search over-approximates, the one-pass read does not.
    const text = '{"a\\"eventName":"X","eventName":"Y","b":"1","c":"2"}';
    const buf = Buffer.from(text);
    const peek = new BytePeek(buf);
    assert.deepEqual(peek.strings('eventName'), ['Y'], 'the first record is read in one pass');
    peek.reset(buf, 0, buf.length);
    assert.deepEqual(peek.strings('eventName'), ['X', 'Y'], 'after a record of one key: byte search');
    assert.deepEqual(peek.strings('b'), ['1']);
    assert.deepEqual(peek.strings('c'), ['2']);
    peek.reset(buf, 0, buf.length);
    assert.deepEqual(peek.strings('eventName'), ['Y'], 'after a record of three keys: one pass');
  });

  it('searches the bytes of non-ASCII texts', () => {
    const peek = peekOf(JSON.stringify(record));
    assert.equal(peek.contains('\u00e9t\u00e9'), true);
    assert.equal(peek.contains('\u2603'), true);
    assert.equal(peek.contains('\u2604'), false);
  });
});

describe('StringPairs', () => {
  it('grows past its first table for records with many keys', () => {
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, `v${i}`]));
    const text = Buffer.from(JSON.stringify({ ...many, eventName: 'Last' }));
    const pairs = new StringPairs();
    assert.equal(pairs.read(text), true);
    assert.deepEqual(pairs.values(text, Buffer.from('eventName')), ['Last']);
    assert.deepEqual(pairs.values(text, Buffer.from('k999')), ['v999']);
  });

  it('finds quotes and backslashes at every byte alignment (strings are skipped four bytes at a time)', () => {
    const pairs = new StringPairs();
    for (let length = 0; length < 14; length++) {
      for (let spot = 0; spot < length; spot++) {
        for (const special of ['\\"', '\\\\', '\u00e9', '\\u0041']) {
          const value = 'x'.repeat(spot) + special + 'y'.repeat(length - spot);
          const text = `{"k":"${value}","eventName":"N${length}"}`;
          for (let shift = 0; shift < 4; shift++) {
            const buf = Buffer.from(' '.repeat(shift) + text + ' ');
            const view = buf.subarray(shift, shift + Buffer.byteLength(text));
            assert.equal(pairs.read(view), true, text);
            assert.deepEqual(
              pairs.values(view, Buffer.from('k')),
              [JSON.parse(`"${value}"`)],
              `${text} at ${shift}`,
            );
            assert.deepEqual(
              pairs.values(view, Buffer.from('eventName')),
              [`N${length}`],
              `${text} at ${shift}`,
            );
          }
        }
      }
    }
  });

  it('tells keys of the same length, first and last letter apart', () => {
    const text = Buffer.from('{"abxd":"1","abyd":"2","abxd ":"3"}');
    const pairs = new StringPairs();
    assert.equal(pairs.read(text), true);
    assert.deepEqual(pairs.values(text, Buffer.from('abxd')), ['1']);
    assert.deepEqual(pairs.values(text, Buffer.from('abyd')), ['2']);
  });
});
