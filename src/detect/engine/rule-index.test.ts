import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CloudTrailRecord } from '../../trail/record.js';
import { BytePeek } from '../../trail/scan/peek.js';
import type { EngineRule, RuleInfo } from './detection.js';
import { RuleIndex } from './rule-index.js';

function rule(id: string, eventNames: string[] | undefined, matches = () => true): EngineRule {
  return {
    info: { id } as RuleInfo,
    matches,
    eventNames: eventNames ? new Set(eventNames) : undefined,
    rawTest: undefined,
  };
}

const record = (eventName: string) => ({ eventName }) as CloudTrailRecord;

describe('RuleIndex', () => {
  const deleteTrail = rule('delete-trail', ['DeleteTrail', 'StopLogging']);
  const root = rule('root', undefined, () => false);
  const index = new RuleIndex([deleteTrail, root]);

  it('gives the rules of an eventName, compared case-insensitively, and the rules bound to none', () => {
    assert.deepEqual(
      index.candidates('DeleteTrail').map((r) => r.info.id),
      ['delete-trail', 'root'],
    );
    assert.deepEqual(
      index.candidates('stoplogging').map((r) => r.info.id),
      ['delete-trail', 'root'],
    );
    assert.deepEqual(
      index.candidates('ListBuckets').map((r) => r.info.id),
      ['root'],
    );
    assert.equal(index.candidates('DeleteTrail'), index.candidates('DeleteTrail'), 'kept, not rebuilt');
    assert.deepEqual(index.match(record('DeleteTrail')), ['delete-trail']);
    assert.deepEqual(index.match(record('ListBuckets')), []);
  });

  it('stays right past the number of eventNames it keeps lists for', () => {
    for (let i = 0; i < 10_050; i++) index.candidates(`MadeUp${i}`);
    assert.deepEqual(index.match(record('DeleteTrail')), ['delete-trail']);
    assert.deepEqual(
      index.candidates('MadeUp3').map((r) => r.info.id),
      ['root'],
    );
  });

  it('rules out a raw record whose eventName no rule needs', () => {
    const peekOf = (value: unknown) => new BytePeek(Buffer.from(JSON.stringify(value)));
    const only = new RuleIndex([deleteTrail]);
    assert.equal(only.mightMatch(peekOf({ eventName: 'StopLogging' })), true);
    assert.equal(only.mightMatch(peekOf({ eventName: 'ListBuckets' })), false);
    assert.deepEqual(only.needles, ['"DeleteTrail"', '"StopLogging"']);
  });
});

describe('RuleIndex: rules bound to a service', () => {
  const lambda: EngineRule = {
    info: { id: 'lambda' } as RuleInfo,
    matches: (r) => r.eventName.startsWith('UpdateFunctionCode'),
    eventNames: undefined,
    eventSources: new Set(['lambda.amazonaws.com']),
    rawTest: (peek) => peek.field('eventName').some((n) => n.startsWith('UpdateFunctionCode')),
  };
  const index = new RuleIndex([lambda]);
  const peekOf = (value: object) => new BytePeek(Buffer.from(JSON.stringify(value)));

  it("are tried only on their service's records, not on every record", () => {
    assert.deepEqual(
      index.candidates('UpdateFunctionCode20150331v2', 'lambda.amazonaws.com').map((r) => r.info.id),
      ['lambda'],
    );
    assert.deepEqual(index.candidates('UpdateFunctionCode20150331v2', 's3.amazonaws.com'), []);
    const hit = { eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com' };
    assert.deepEqual(index.match(hit as CloudTrailRecord), ['lambda']);
    assert.equal(index.mightMatch(peekOf(hit)), true);
    assert.equal(index.mightMatch(peekOf({ ...hit, eventSource: 'iam.amazonaws.com' })), false);
    assert.deepEqual(index.survivors(peekOf({ ...hit, eventName: 'GetFunction' })), []);
  });
});
