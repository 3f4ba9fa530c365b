import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALARM_TEST_EVENTS } from '../../prepare/cis/events/index.js';
import { CIS_METRIC_FILTERS } from '../../prepare/cis/patterns.js';
import { compileFilterPattern } from '../../prepare/filter-pattern/index.js';
import { loadPack } from '../pack.js';
import { compileSigmaRule } from '../sigma/rule.js';
import { sigmaRuleText } from './define.js';

/**
 * The 15 CIS detections must mean what the CIS metric filters mean: each is run beside the metric
 * filter (evaluated by garrison's CloudWatch Logs filter-pattern engine) on every test event the
 * project has — the alarm test corpus with its near misses, and every detection's own events.
 */
describe('CIS detections agree with the CIS metric filters', () => {
  const pack = loadPack();
  const corpus = [
    ...ALARM_TEST_EVENTS.map((e) => ({ name: e.name, record: e.record })),
    ...pack.flatMap((d) =>
      [...d.positive, ...d.negative].map((record, i) => ({ name: `${d.meta.id}#${i}`, record })),
    ),
  ];

  for (const filter of CIS_METRIC_FILTERS) {
    const claim = filter.control ?? 'CIS 4.15 (Organizations changes)';
    it(`${claim} (${filter.id})`, () => {
      const detection = pack.find((d) => d.meta.cis.includes(claim));
      assert.ok(detection, `no detection claims ${claim}`);
      const rule = compileSigmaRule(sigmaRuleText(detection.meta) as string, detection.file);
      const metricFilter = compileFilterPattern(filter.pattern);
      let raised = 0;
      for (const { name, record } of corpus) {
        const expected = metricFilter.matches(record);
        if (expected) raised++;
        assert.equal(
          rule.matches(record),
          expected,
          `${detection.meta.id} disagrees with ${filter.id} on ${name}`,
        );
      }
      assert.ok(raised > 0, `${filter.id} raised on nothing: the comparison proves nothing`);
    });
  }
});
