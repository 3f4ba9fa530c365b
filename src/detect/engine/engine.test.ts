import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { GarrisonError } from '../../errors.js';
import { idsOf } from '../../findings/event-ids.js';
import { type PartialGroup, unpackGroups } from '../../findings/partial.js';
import { type CloudTrailRecord, checkRecord } from '../../trail/record.js';
import { BytePeek } from '../../trail/scan/peek.js';
import type { RecordMatcher } from '../../trail/scan/types.js';
import { compileSigmaRule } from '../sigma/rule.js';
import type { EngineRule } from './detection.js';
import { createMatcher, type HuntAggregate } from './matcher.js';
import { RuleIndex } from './rule-index.js';
import { checkTokens, loadRules, selectRules, sigmaRule } from './rule-set.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SIGMAHQ = join(repoRoot, '..', 'shared', 'data', 'sigma-aws-cloudtrail');
const haveSigmaHQ = existsSync(SIGMAHQ);

function userRule(detection: Record<string, unknown>, extra: Record<string, unknown> = {}): EngineRule {
  const text = stringify({
    title: 'user rule',
    id: extra.id ?? 'user-rule',
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection,
    ...extra,
  });
  return sigmaRule(compileSigmaRule(text, `rules/${String(extra.id ?? 'user-rule')}.yml`), text);
}

const record = (fields: Record<string, unknown>): CloudTrailRecord => {
  const checked = checkRecord({
    eventTime: '2026-03-14T09:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'ListUsers',
    ...fields,
  });
  assert.ok(checked.ok);
  return checked.record;
};

const peekOf = (value: unknown) => {
  const buf = Buffer.from(JSON.stringify(value));
  return new BytePeek(buf, 0, buf.length);
};

describe('the rule index', () => {
  const stop = userRule({ s: { eventName: ['StopLogging', 'DeleteTrail'] }, condition: 's' }, { id: 'stop' });
  const ua = userRule({ s: { 'userAgent|contains': 'kali' }, condition: 's' }, { id: 'kali' });

  it('tests a record only against rules that can match its eventName', () => {
    const index = new RuleIndex([stop]);
    assert.deepEqual(index.match(record({ eventName: 'StopLogging' })), ['stop']);
    assert.deepEqual(index.match(record({ eventName: 'stoplogging' })), ['stop']);
    assert.deepEqual(index.match(record({ eventName: 'StartLogging' })), []);
    assert.deepEqual(index.needles, ['"StopLogging"', '"DeleteTrail"']);
  });
  it('has no needles once a rule has no eventName bound, and still matches it', () => {
    const index = new RuleIndex([stop, ua]);
    assert.equal(index.needles, undefined);
    assert.deepEqual(index.match(record({ eventName: 'StopLogging', userAgent: 'Kali' })).sort(), [
      'kali',
      'stop',
    ]);
    assert.equal(index.mightMatch(peekOf({ eventName: 'ListUsers', userAgent: 'ubuntu' })), false);
    assert.equal(index.mightMatch(peekOf({ eventName: 'ListUsers', userAgent: 'KALI linux' })), true);
    assert.equal(index.mightMatch(peekOf({ eventName: 'DeleteTrail' })), true);
  });
  it('gives no needles for eventNames not spelled as AWS spells them', () => {
    const lower = userRule({ s: { eventName: 'stoplogging' }, condition: 's' }, { id: 'lower' });
    assert.equal(new RuleIndex([lower]).needles, undefined);
    assert.deepEqual(new RuleIndex([lower]).match(record({ eventName: 'StopLogging' })), ['lower']);
  });
});

describe('rule selection', () => {
  it('loads the built-in pack with unique ids', async () => {
    const rules = await loadRules();
    assert.ok(rules.length >= 40, `${rules.length} rules`);
    assert.equal(new Set(rules.map((r) => r.info.id)).size, rules.length);
    assert.ok(rules.every((r) => r.info.origin === 'pack'));
  });
  it('--only and --exclude by id, tag and severity; a token naming nothing is an error', async () => {
    const rules = await loadRules();
    const high = selectRules(rules, ['high']);
    assert.ok(high.length > 0 && high.every((r) => r.info.severity === 'high'));
    const one = rules[0] as EngineRule;
    assert.deepEqual(
      selectRules(rules, [one.info.id]).map((r) => r.info.id),
      [one.info.id],
    );
    assert.equal(selectRules(rules, [], [one.info.id]).length, rules.length - 1);
    assert.ok(selectRules(rules, ['cis']).every((r) => r.info.cis.length > 0));
    assert.throws(
      () => checkTokens(rules, ['no-such-rule']),
      (e: unknown) => e instanceof GarrisonError && e.code === 'usage',
    );
  });
  it('refuses a user rule whose id clashes with another', {
    skip: haveSigmaHQ ? undefined : 'no shared SigmaHQ rules',
  }, async () => {
    await assert.rejects(loadRules({ builtin: false, ruleDirs: [SIGMAHQ, SIGMAHQ] }), /defined twice/);
  });
});

/** What the hunt matcher sends back at a blob's end. */
function blobEnd(matcher: RecordMatcher): HuntAggregate {
  assert.ok(matcher.endOfBlob);
  return matcher.endOfBlob('t') as HuntAggregate;
}

describe('the hunt matcher over the pack and the SigmaHQ rules', {
  skip: haveSigmaHQ ? undefined : 'no shared SigmaHQ rules',
}, () => {
  it('its prefilter never rejects a record some rule matches (every labelled positive)', async () => {
    const rules = await loadRules({ ruleDirs: [SIGMAHQ] });
    const matcher = await createMatcher({ ruleDirs: [SIGMAHQ] });
    let checked = 0;
    for (const rule of rules) {
      for (const positive of rule.examples?.positive ?? []) {
        const parsed = checkRecord(positive);
        if (!parsed.ok || !rule.matches(parsed.record)) continue;
        checked++;
        const peek = peekOf(positive);
        assert.equal(
          matcher.mightMatch?.(peek),
          true,
          `${rule.info.id}: prefilter rejected ${JSON.stringify(positive)}`,
        );
        matcher.match(parsed.record, { source: 't', index: 0 });
        const { hits, fired } = blobEnd(matcher);
        assert.equal(fired, 1);
        assert.ok(
          [...unpackGroups(hits)].some((g) => g.ruleId === rule.info.id),
          `${rule.info.id} did not fire through the matcher`,
        );
      }
    }
    assert.ok(checked > 80, `only ${checked} positives checked`);
  });
  it('reports the fields grouping needs', async () => {
    const matcher = await createMatcher({ builtin: false, ruleDirs: [SIGMAHQ] });
    const sent = matcher.match(
      record({
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'StopLogging',
        eventID: 'ev-1',
        sourceIPAddress: '203.0.113.66',
        recipientAccountId: '111122223333',
        awsRegion: 'eu-west-1',
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory' },
        requestParameters: { name: 'main-trail' },
      }),
      { source: 't', index: 0 },
    );
    assert.equal(sent, undefined, 'rule hits are grouped in the worker, not sent one by one');
    const { hits, fired } = blobEnd(matcher);
    assert.equal(fired, 1);
    assert.equal(hits.groups, 1);
    const [group = {} as PartialGroup] = unpackGroups(hits);
    const { ruleId: rule, principal, resource, count, lists } = group;
    const ids = idsOf(group, group.times.length);
    assert.equal(rule, 'aws_cloudtrail_disable_logging');
    assert.equal(principal, 'arn:aws:iam::111122223333:user/mallory');
    assert.equal(resource, 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main-trail');
    assert.equal(count, 1);
    // accounts, regions, resources, ips, agents, call names; then the event ids.
    assert.deepEqual(lists, [
      ['111122223333'],
      ['eu-west-1'],
      [resource],
      ['203.0.113.66'],
      [],
      ['cloudtrail:StopLogging'],
    ]);
    assert.deepEqual(ids, ['ev-1']);
    const next = blobEnd(matcher);
    assert.deepEqual([next.fired, next.hits.groups], [0, 0], 'each blob starts afresh');
  });
});
