import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finderFor, NeedleFinder } from './needle.js';

function allHits(find: (from: number) => number): number[] {
  const hits: number[] = [];
  let at = find(0);
  while (at >= 0) {
    hits.push(at);
    at = find(at + 1);
  }
  return hits;
}

test('the anchor starts at the rarest byte of the needle', () => {
  assert.equal(new NeedleFinder(Buffer.from('"ConsoleLogin"')).offset, 8); // 'L'
  assert.equal(new NeedleFinder(Buffer.from('"errorCode"')).offset, 6); // 'C'
  assert.equal(new NeedleFinder(Buffer.from('é"x')).offset, 0); // non-ASCII is rarest
});

test('finds what Buffer.indexOf finds, at every position, whatever surrounds the anchor', () => {
  const text = Buffer.from(
    '[{"eventName":"ConsoleLogin"},{"eventName":"ConsoleLogout"},{"x":"Login"},{"eventName":"xConsoleLogin"}]"ConsoleLogin"',
  );
  for (const needle of ['"ConsoleLogin"', 'Login', 'ConsoleLog', '"', 'n"}]"ConsoleLogin"', 'nope"Login"']) {
    const finder = finderFor(needle);
    const bytes = Buffer.from(needle);
    assert.deepEqual(
      allHits((from) => finder.find(text, from)),
      allHits((from) => text.indexOf(bytes, from)),
      needle,
    );
  }
});

test('agrees with Buffer.indexOf on random text over a small alphabet (many partial matches)', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const alphabet = Buffer.from('aL"C:{');
  for (let round = 0; round < 200; round++) {
    const text = Buffer.alloc(200 + (random() % 200));
    for (let i = 0; i < text.length; i++) text[i] = alphabet[random() % alphabet.length]!;
    const needle = Buffer.alloc(1 + (random() % 12));
    for (let i = 0; i < needle.length; i++) needle[i] = alphabet[random() % alphabet.length]!;
    const finder = new NeedleFinder(needle);
    for (const from of [0, 1, 17, text.length - 1, text.length, text.length + 5])
      assert.equal(finder.find(text, from), text.indexOf(needle, from), `${needle} from ${from}`);
  }
});

test('a needle longer than the text, or at its very end', () => {
  const finder = new NeedleFinder(Buffer.from('"ConsoleLogin"'));
  assert.equal(finder.find(Buffer.from('Login"')), -1);
  assert.equal(finder.find(Buffer.from('xx"ConsoleLogin"')), 2);
  assert.equal(finder.find(Buffer.from('xx"ConsoleLogin'), 0), -1);
  assert.throws(() => new NeedleFinder(Buffer.alloc(0)), RangeError);
});
