import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRecord } from '../../trail/record.js';
import { compileFilterPattern } from '../filter-pattern/index.js';
import { ALARM_TEST_EVENTS } from './events/index.js';
import { CIS_FILTER_IDS, CIS_METRIC_FILTERS } from './patterns.js';

describe('the 15 CIS metric filters on their test events', () => {
  const compiled = CIS_METRIC_FILTERS.map((f) => ({ ...f, compiled: compileFilterPattern(f.pattern) }));

  it('lists each of the 15 alarms once, every pattern a JSON pattern garrison parses', () => {
    assert.equal(CIS_METRIC_FILTERS.length, 15);
    assert.deepEqual(
      CIS_METRIC_FILTERS.map((f) => f.id),
      [...CIS_FILTER_IDS],
    );
    for (const f of compiled) assert.equal(f.compiled.kind, 'json', f.id);
    assert.equal(new Set(CIS_METRIC_FILTERS.map((f) => f.metricName)).size, 15);
  });

  it('every test event is a valid CloudTrail record with a unique name', () => {
    for (const e of ALARM_TEST_EVENTS) assert.equal(checkRecord(e.record).ok, true, e.name);
    assert.equal(new Set(ALARM_TEST_EVENTS.map((e) => e.name)).size, ALARM_TEST_EVENTS.length);
  });

  it('every alarm has positive events and events that come close without raising it', () => {
    for (const id of CIS_FILTER_IDS) {
      const positives = ALARM_TEST_EVENTS.filter((e) => e.raises.includes(id));
      assert.ok(positives.length >= 1, `${id} has no positive event`);
    }
    assert.ok(ALARM_TEST_EVENTS.filter((e) => e.raises.length === 0).length >= 20);
  });

  for (const e of ALARM_TEST_EVENTS) {
    it(`${e.name} raises ${e.raises.length ? e.raises.join(', ') : 'no alarm'}`, () => {
      const raised = compiled.filter((f) => f.compiled.matches(e.record)).map((f) => f.id);
      assert.deepEqual(raised.sort(), [...e.raises].sort());
      // The same result when the record arrives as the raw log message CloudWatch Logs stores.
      const fromText = compiled.filter((f) => f.compiled.matches(JSON.stringify(e.record))).map((f) => f.id);
      assert.deepEqual(fromText.sort(), [...e.raises].sort());
    });
  }
});
