import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { GarrisonError } from '../../errors.js';
import { BytePeek } from '../../trail/scan/peek.js';
import { compileFieldCondition } from './field-condition.js';
import { compileSigmaRule } from './rule.js';
import { ruleOf } from './rule-of.test-data.js';

const rec = (fields: Record<string, unknown>) => ({
  eventTime: '2026-01-01T00:00:00Z',
  eventSource: 'x',
  eventName: 'Y',
  ...fields,
});
const a = { eventName: 'A' };
const b = { userName: 'b' };
const c = { awsRegion: 'c' };
const detection = { sel_a: a, sel_b: b, filter_c: c };

describe('Sigma condition grammar', () => {
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['sel_a and sel_b', { eventName: 'A', userName: 'b' }, true],
    ['sel_a and sel_b', { eventName: 'A' }, false],
    ['sel_a or sel_b', { userName: 'b' }, true],
    ['sel_a and not filter_c', { eventName: 'A', awsRegion: 'c' }, false],
    ['sel_a and not filter_c', { eventName: 'A', awsRegion: 'd' }, true],
    ['not sel_a and sel_b', { eventName: 'Z', userName: 'b' }, true],
    ['sel_a or sel_b and filter_c', { eventName: 'A' }, true],
    ['(sel_a or sel_b) and filter_c', { eventName: 'A' }, false],
    ['(sel_a or sel_b) and filter_c', { userName: 'b', awsRegion: 'c' }, true],
    ['not (sel_a or sel_b)', { awsRegion: 'c' }, true],
    ['not not sel_a', { eventName: 'A' }, true],
    ['1 of sel_*', { userName: 'b' }, true],
    ['all of sel_*', { userName: 'b' }, false],
    ['all of sel_*', { eventName: 'A', userName: 'b' }, true],
    ['1 of them', { awsRegion: 'c' }, true],
    ['all of them', { eventName: 'A', userName: 'b' }, false],
    ['all of them', { eventName: 'A', userName: 'b', awsRegion: 'c' }, true],
    ['any of sel_*', { eventName: 'A' }, true],
    ['sel_a AND NOT filter_c', { eventName: 'A' }, true],
  ];
  for (const [condition, fields, expected] of cases) {
    it(`${condition} on ${JSON.stringify(fields)} is ${expected}`, () => {
      assert.equal(ruleOf({ ...detection, condition }).matches(rec(fields)), expected);
    });
  }
  it('a list of conditions means any of them', () => {
    const rule = ruleOf({ ...detection, condition: ['sel_a', 'filter_c'] });
    assert.equal(rule.matches(rec({ awsRegion: 'c' })), true);
    assert.equal(rule.matches(rec({ userName: 'b' })), false);
  });
  it('a list of maps is OR, a map is AND', () => {
    const rule = ruleOf({ sel: [{ eventName: 'A', userName: 'b' }, { awsRegion: 'c' }], condition: 'sel' });
    assert.equal(rule.matches(rec({ eventName: 'A', userName: 'b' })), true);
    assert.equal(rule.matches(rec({ eventName: 'A' })), false);
    assert.equal(rule.matches(rec({ awsRegion: 'c' })), true);
  });
});

describe('Sigma prefilter', () => {
  it('derives the eventNames a rule needs through and, or and quantifiers', () => {
    const names = (d: Record<string, unknown>) => {
      const set = ruleOf(d).eventNames;
      return set ? [...set].sort() : undefined;
    };
    assert.deepEqual(names({ s: { eventName: ['A', 'B'] }, condition: 's' }), ['A', 'B']);
    assert.deepEqual(names({ s: { eventName: ['A', 'B'] }, t: { eventName: 'B' }, condition: 's and t' }), [
      'B',
    ]);
    assert.deepEqual(names({ s: { eventName: 'A' }, t: { eventName: 'B' }, condition: '1 of them' }), [
      'A',
      'B',
    ]);
    assert.equal(names({ s: { eventName: 'A' }, t: { userName: 'x' }, condition: 's or t' }), undefined);
    assert.equal(names({ s: { eventName: 'A' }, condition: 'not s' }), undefined);
    assert.deepEqual(names({ s: { eventName: 'A' }, f: { eventName: 'B' }, condition: 's and not f' }), [
      'A',
    ]);
    assert.equal(names({ s: { 'eventName|startswith': 'Put' }, condition: 's' }), undefined);
    assert.equal(names({ s: { eventName: 'Put*' }, condition: 's' }), undefined);
  });
  it('tests the raw record without ever rejecting a match', () => {
    const rule = ruleOf({
      s: { 'userAgent|contains': 'kali', eventSource: 'iam.amazonaws.com' },
      condition: 's',
    });
    const peek = (values: Record<string, string[]>) => ({
      strings: (k: string) => values[k] ?? [],
      field: (path: string) => values[path] ?? [],
      contains: () => true,
    });
    assert.ok(rule.rawTest);
    assert.equal(rule.rawTest(peek({ userAgent: ['Kali'], eventSource: ['iam.amazonaws.com'] })), true);
    assert.equal(rule.rawTest(peek({ userAgent: ['ubuntu'], eventSource: ['iam.amazonaws.com'] })), false);
    const negated = ruleOf({ s: { userAgent: 'kali' }, condition: 'not s' });
    assert.equal(negated.rawTest, undefined, 'not: no raw test');
  });
});

describe('Sigma load errors name the file and the construct', () => {
  const fails = (doc: unknown, pattern: RegExp) => {
    assert.throws(
      () => compileSigmaRule(typeof doc === 'string' ? doc : stringify(doc), 'rules/bad.yml'),
      (e: unknown) =>
        e instanceof GarrisonError && /rules\/bad\.yml/.test(e.message) && pattern.test(e.message),
    );
  };
  const good = {
    title: 't',
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection: { s: a, condition: 's' },
  };
  it('an unknown modifier', () =>
    fails(
      { ...good, detection: { s: { 'eventName|sounds_like': 'x' }, condition: 's' } },
      /unknown modifier "sounds_like"/,
    ));
  it('expand placeholders', () =>
    fails({ ...good, detection: { s: { 'ip|expand': '%admins%' }, condition: 's' } }, /expand/));
  it('a correlation rule', () =>
    fails({ title: 't', correlation: { type: 'event_count', rules: ['x'] } }, /correlation rules/));
  it('another logsource', () =>
    fails({ ...good, logsource: { product: 'windows', service: 'security' } }, /logsource/));
  it('a category logsource', () =>
    fails({ ...good, logsource: { product: 'aws', service: 'cloudtrail', category: 'x' } }, /logsource/));
  it('an aggregation', () =>
    fails({ ...good, detection: { s: a, condition: 's | count() > 5' } }, /aggregation/));
  it('timeframe', () =>
    fails({ ...good, detection: { s: a, condition: 's', timeframe: '5m' } }, /timeframe/));
  it('near', () => fails({ ...good, detection: { s: a, condition: 's near s' } }, /near|unexpected/));
  it('an unknown identifier', () =>
    fails({ ...good, detection: { s: a, condition: 's and t' } }, /unknown search identifier "t"/));
  it('a pattern naming nothing', () =>
    fails({ ...good, detection: { s: a, condition: '1 of x*' } }, /names no search identifier/));
  it('unbalanced parentheses', () =>
    fails({ ...good, detection: { s: a, condition: '(s' } }, /missing "\)"/));
  it('a dangling operator', () =>
    fails({ ...good, detection: { s: a, condition: 's and' } }, /ends too early/));
  it('2 of', () => fails({ ...good, detection: { s: a, condition: '2 of s' } }, /2 of/));
  it('a missing condition', () => fails({ ...good, detection: { s: a } }, /detection\.condition/));
  it('a missing title', () => fails({ logsource: good.logsource, detection: good.detection }, /title/));
  it('a bad level', () => fails({ ...good, level: 'urgent' }, /level/));
  it('an invalid regular expression', () =>
    fails({ ...good, detection: { s: { 'x|re': '(' }, condition: 's' } }, /invalid regular expression/));
  it('a bad CIDR', () =>
    fails({ ...good, detection: { s: { 'x|cidr': '10.0.0.0/33' }, condition: 's' } }, /CIDR/));
  it('conflicting modifiers', () =>
    fails({ ...good, detection: { s: { 'x|contains|re': 'a' }, condition: 's' } }, /cannot be combined/));
  it('regex flags without re', () =>
    fails({ ...good, detection: { s: { 'x|i': 'a' }, condition: 's' } }, /need the "re" modifier/));
  it('exists without a boolean', () =>
    fails({ ...good, detection: { s: { 'x|exists': 'yes' }, condition: 's' } }, /exists/));
  it('a nested map value', () =>
    fails({ ...good, detection: { s: { x: { y: 1 } }, condition: 's' } }, /not a string/));
  it('several YAML documents', () => fails(`${stringify(good)}---\n${stringify(good)}`, /rule collections/));
  it('broken YAML', () => fails('title: [unclosed', /YAML error/));
});

describe('byte-search guards on the raw record', () => {
  const fieldOf = (key: string, value: unknown) => compileFieldCondition(key, value).rawTexts;
  it('come from fields AWS writes, spelled as AWS spells them', () => {
    assert.deepEqual(fieldOf('userIdentity.type', 'Root'), ['Root']);
    assert.equal(fieldOf('userIdentity.type', 'Ro'), undefined, 'too short to be worth it');
    assert.deepEqual(fieldOf('userIdentity.type', 'AssumedRole'), ['AssumedRole']);
    assert.deepEqual(fieldOf('errorCode', ['*UnauthorizedOperation', 'AccessDenied*']), [
      'UnauthorizedOperation',
      'AccessDenied',
    ]);
    assert.deepEqual(fieldOf('eventSource', 'iam.amazonaws.com'), ['iam.amazonaws.com']);
    assert.equal(fieldOf('eventSource', 'IAM.amazonaws.com'), undefined, 'not as AWS spells it');
    assert.equal(fieldOf('errorCode', 'accessdenied'), undefined, 'not as AWS spells it');
    assert.equal(fieldOf('userAgent|contains', 'Kali'), undefined, 'attacker-chosen text varies in case');
    assert.deepEqual(
      fieldOf('userIdentity.arn|re', '.+:assumed-role/aws:.+'),
      undefined,
      'a slash may be escaped in JSON',
    );
    assert.deepEqual(fieldOf('userIdentity.arn|re', '^arn:aws:sts::.+:assumed-role'), ['arn:aws:sts::']);
    assert.equal(fieldOf('userIdentity.arn|re|i', 'assumed-role'), undefined);
    assert.deepEqual(fieldOf('userAgent|cased|contains', 'TruffleHog'), ['TruffleHog']);
  });
  it('never reject a record the rule matches', () => {
    const rule = ruleOf({
      s: { 'errorCode|endswith': 'UnauthorizedOperation', 'userIdentity.type': 'AssumedRole' },
      condition: 's',
    });
    const raw = (value: unknown) => new BytePeek(Buffer.from(JSON.stringify(value)));
    const hit = rec({ errorCode: 'Client.UnauthorizedOperation', userIdentity: { type: 'AssumedRole' } });
    assert.equal(rule.matches(hit), true);
    assert.equal(rule.rawTest?.(raw(hit)), true);
    assert.equal(
      rule.rawTest?.(raw(rec({ errorCode: 'AccessDenied', userIdentity: { type: 'AssumedRole' } }))),
      false,
    );
  });
});
