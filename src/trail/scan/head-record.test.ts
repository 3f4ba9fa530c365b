import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeRecords, pick, rng } from '../../../test/helpers/trail-data.js';
import { HeadPeek } from './head-peek.js';

/** The record the head builds from `text`, aimed as the fast path aims it. */
function built(peek: HeadPeek, text: string) {
  const bytes = Buffer.from(text);
  const key = bytes.indexOf('"eventTime":"');
  return peek.aim(bytes, 0, bytes.length, key).built();
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return 'invalid';
  }
}

/** Ways a record's text can differ from what AWS writes: each must be built exactly or not at all. */
const TWISTS: ((text: string) => string)[] = [
  (t) => t,
  (t) => t.replace('"userAgent":"', '"userAgent":"tab\\there \\"quoted\\" '),
  (t) => t.replace('"userAgent":"', '"userAgent":"raw\u0001control '),
  (t) => t.replace('"awsRegion":"', '"__proto__":"x","awsRegion":"'),
  (t) => t.replace('"requestParameters":', '"__proto__":{"polluted":true},"requestParameters":'),
  (t) => t.replace('"userIdentity":{', '"userIdentity":{"__proto__":{"a":1},'),
  (t) => t.replace('"requestID":', '"eventName":"Overridden","requestID":'),
  (t) => t.replace('"eventSource":"', '"eventName":"First","eventSource":"'),
  (t) => t.replace('"requestID":', '"10":"ten","2":2,"requestID":'),
  (t) => t.replace('"readOnly":', '"readOnly":tru,"x":'),
  (t) => t.replace('"accountId":"', '"accountId":tru,"y":"'),
  (t) => t.replace('"awsRegion":"', '"awsRegion":7,"z":"'),
  (t) => t.replace('"eventTime":"', '"x":{},"eventTime":"'),
  (t) => t.slice(0, -2),
  (t) => t.replace('"userAgent":"', '"userAgent":"ünïcödé ✓ '),
];

describe('HeadRecords: a record built from its head equals JSON.parse of it, or is not built', () => {
  it('on realistic records twisted every way a hostile or odd file could', () => {
    const r = rng(5);
    const peek = new HeadPeek(Buffer.alloc(0));
    let builds = 0;
    for (const [i, record] of makeRecords(3, 600).entries()) {
      // errorCode where AWS writes it (after userAgent) or, as makeRecords does, at the end.
      const entries = Object.entries(record).filter(([k]) => k !== 'errorCode');
      if (record.errorCode !== undefined) {
        const at = i % 2 ? entries.findIndex(([k]) => k === 'userAgent') + 1 : entries.length;
        entries.splice(at, 0, ['errorCode', record.errorCode]);
      }
      const ordered = Object.fromEntries(entries);
      const twist = pick(r, TWISTS);
      const text = twist(JSON.stringify(ordered));
      const made = built(peek, text);
      const expected = parsed(text);
      if (made === undefined) continue;
      builds++;
      assert.notEqual(expected, 'invalid', `built an invalid record: ${text}`);
      assert.equal(JSON.stringify(made), JSON.stringify(expected), `record ${i}`);
      assert.deepStrictEqual(made, expected, `record ${i}`);
    }
    assert.ok(builds > 150, `${builds} records built`);
  });

  it('shares one userIdentity between the calls of a session, parsed once', () => {
    const peek = new HeadPeek(Buffer.alloc(0));
    const [a, b] = makeRecords(8, 2).map((x) => ({ ...x, userIdentity: makeRecords(8, 1)[0]!.userIdentity }));
    const first = built(peek, JSON.stringify(a));
    const second = built(peek, JSON.stringify(b));
    assert.ok(first && second);
    assert.equal(first.userIdentity, second.userIdentity);
  });
});
