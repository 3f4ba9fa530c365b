import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { delivered, makeRecords, pick, rng, shuffle } from '../../../test/helpers/trail-data.js';
import { unpackGroups } from '../../findings/partial.js';
import { checkRecord } from '../../trail/record.js';
import { decodeBlob } from '../../trail/scan/decode.js';
import type { RecordMatcher } from '../../trail/scan/types.js';
import { type HuntAggregate, matcherFor } from './matcher.js';
import { RuleIndex } from './rule-index.js';
import { loadRules } from './rule-set.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SIGMAHQ = join(repoRoot, '..', 'shared', 'data', 'sigma-aws-cloudtrail');

/** The blob's rule hits, grouped, as sorted lines: what a hunt reports. */
function hitsOf(matcher: RecordMatcher): string[] {
  const aggregate = matcher.endOfBlob?.('t') as HuntAggregate;
  return [...unpackGroups(aggregate.hits)].map((g) => JSON.stringify(g)).sort();
}

/** How many hits each rule × principal × resource got, over blobs. */
function countsOf(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const g = JSON.parse(line) as { ruleId: string; principal: string; resource: string; count: number };
    const key = `${g.ruleId} ${g.principal} ${g.resource}`;
    counts.set(key, (counts.get(key) ?? 0) + g.count);
  }
  return counts;
}

/** Attacker-chosen text, in the fields attackers control. */
const HOSTILE = [
  'evil"quote',
  'back\\slash',
  '"eventName":"StopLogging"',
  '},{"eventVersion":"1.08"}',
  'kali ünï',
];

/**
 * Every rule's positives plus randomized records with hostile text and reordered keys, some with
 * errors late in the record; all with eventVersion first and no nested look-alike records, so the
 * file takes the delivered fast path (nested ones make it fall back, which fast.test.ts covers).
 */
async function corpus(seed: number) {
  const rules = await loadRules({ ruleDirs: existsSync(SIGMAHQ) ? [SIGMAHQ] : [] });
  const r = rng(seed);
  const positives = rules.flatMap((rule) => rule.examples?.positive ?? []) as Record<string, unknown>[];
  const records = [...positives, ...makeRecords(seed, 300)].map((record, i) => {
    const copy: Record<string, unknown> = { eventVersion: '1.08', ...record };
    if (i % 3 === 0) copy.userAgent = pick(r, HOSTILE);
    if (i % 4 === 0) copy.errorMessage = pick(r, HOSTILE);
    if (i % 5 === 0) copy.errorCode = pick(r, ['AccessDenied', 'Client.UnauthorizedOperation', 'x']);
    // Reordered keys, but eventVersion still first: the file keeps the delivered fast path.
    return i % 7 === 3 ? { eventVersion: copy.eventVersion, ...shuffle(r, copy) } : copy;
  });
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return { rules, records };
}

describe('the hunt over a delivered file: the fast path and its head peek change nothing', () => {
  it('gives the groups of matching every record after parsing it', async () => {
    for (const seed of [1, 2, 3]) {
      const { rules, records } = await corpus(seed);
      const reference = matcherFor(new RuleIndex(rules));
      records.forEach((record, index) => {
        const checked = checkRecord(record);
        if (checked.ok) reference.match(checked.record, { source: 't', index });
      });
      const expected = hitsOf(reference);
      assert.ok(expected.length > 100, `only ${expected.length} groups`);
      for (const split of [records.length, 37]) {
        // Each file is a blob; the matcher (and its peek's probes) carries over from one to the next.
        const fast = matcherFor(new RuleIndex(rules));
        const got: string[] = [];
        for (let start = 0; start < records.length; start += split) {
          await decodeBlob(delivered(records.slice(start, start + split)), 't', fast, () => {});
          got.push(...hitsOf(fast));
        }
        if (split === records.length) assert.deepEqual(got, expected, `seed ${seed}`);
        else assert.deepEqual(countsOf(got), countsOf(expected), `seed ${seed}, files of ${split}`);
      }
    }
  });
});

describe('a delivered file the fast path gives up on half-way', () => {
  it('is hunted once: what the fast path gathered before giving up is dropped', async () => {
    const rules = await loadRules({});
    const refused = makeRecords(4, 12).map((r, i) => ({ ...r, errorCode: 'AccessDenied', eventID: `e${i}` }));
    const text = delivered(refused).toString('utf8');
    // The last record is not JSON (`tru`): the fast path parses it (a rule wants it) and falls back.
    const at = text.lastIndexOf('"readOnly":');
    const broken = Buffer.from(
      `${text.slice(0, at)}"readOnly":tru${text.slice(at).replace(/^"readOnly":(true|false)/, '')}`,
    );
    assert.notEqual(broken.toString(), text);
    const matcher = matcherFor(new RuleIndex(rules));
    const rejected: string[] = [];
    const stats = await decodeBlob(broken, 't', matcher, (e) => {
      if (e.kind === 'rejected') rejected.push(e.rejection.location);
    });
    const aggregate = matcher.endOfBlob?.('t') as HuntAggregate;
    const counts = [...unpackGroups(aggregate.hits)]
      .filter((g) => g.ruleId === 'garrison-aws-unauthorized-api-call')
      .reduce((sum, g) => sum + g.count, 0);
    assert.equal(stats.records, 12);
    assert.deepEqual(rejected.length, 1);
    assert.equal(counts, 11, 'each good record counted once');
    assert.equal(aggregate.fired, 11);
  });
});
