import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyAtOrAbove, countBySeverity } from './finding.js';
import { hit, info } from './fixtures.test-data.js';
import { FindingGrouper, LIST_CAPS, MAX_EVENT_IDS } from './grouping.js';

const rules = new Map([
  ['stop', info('stop', 'high')],
  ['low', info('low', 'low')],
]);

describe('grouping hits into findings', () => {
  it('one finding per rule × principal × resource, with count, times, IPs and event ids', () => {
    const g = new FindingGrouper(rules);
    g.add(hit({ eventId: 'e-2', time: '2026-03-14T09:20:00Z', sourceIp: '198.51.100.7' }));
    g.add(hit({ eventId: 'e-1' }));
    g.add(hit({ eventId: 'e-3', principal: 'arn:aws:iam::111122223333:user/alice' }));
    g.add(hit({ eventId: 'e-4', resources: ['arn:aws:cloudtrail:us-east-1:111122223333:trail/other'] }));
    g.add(hit({ eventId: 'e-5', rules: ['stop', 'low'] }));
    const findings = g.findings();
    assert.equal(findings.length, 4);
    const main = findings.find(
      (f) => f.principal.endsWith('mallory') && f.resources[0]?.endsWith('main') && f.rule.id === 'stop',
    );
    assert.ok(main);
    assert.equal(main.count, 3);
    assert.deepEqual(main.event_ids, ['e-1', 'e-5', 'e-2']);
    assert.equal(main.first_seen, '2026-03-14T09:00:00.000Z');
    assert.equal(main.last_seen, '2026-03-14T09:20:00.000Z');
    assert.deepEqual(main.source_ips.sort(), ['198.51.100.7', '203.0.113.66']);
    assert.equal(main.severity, 'high');
    assert.deepEqual(main.rule.stratus, ['aws.defense-evasion.cloudtrail-stop']);
    assert.equal(findings.at(-1)?.rule.id, 'low', 'most severe first');
  });
  it('splits a rule × principal × resource into separate findings when events are a window apart', () => {
    const g = new FindingGrouper(rules, 30 * 60_000);
    g.add(hit({ time: '2026-03-14T09:00:00Z' }));
    g.add(hit({ time: '2026-03-14T09:25:00Z' }));
    g.add(hit({ time: '2026-03-14T09:50:00Z' })); // crosses a window boundary, 25 min after the last: same finding
    g.add(hit({ time: '2026-03-14T12:00:00Z' }));
    const counts = g
      .findings()
      .map((f) => f.count)
      .sort();
    assert.deepEqual(counts, [1, 3]);
    assert.deepEqual(g.findings(), g.findings(), 'asking again changes nothing');
    const all = g.findings();
    assert.deepEqual(g.findings(true), all, 'the last ask gives the same findings');
    assert.deepEqual(g.findings(), [], 'and lets the groups go');
  });
  it('keeps the earliest 100 event ids whatever the arrival order, and says there were more', () => {
    const g = new FindingGrouper(rules);
    for (let i = 250; i >= 1; i--)
      g.add(
        hit({
          eventId: `e-${String(i).padStart(3, '0')}`,
          time: new Date(Date.UTC(2026, 2, 14, 9, 0, i)).toISOString(),
        }),
      );
    const [finding] = g.findings();
    assert.ok(finding);
    assert.equal(finding.count, 250);
    assert.equal(finding.event_ids.length, MAX_EVENT_IDS);
    assert.equal(finding.event_ids[0], 'e-001');
    assert.equal(finding.event_ids.at(-1), 'e-100');
    assert.equal(finding.event_ids_truncated, true);
  });
  it('ignores hits of unknown rules and unreadable times', () => {
    const g = new FindingGrouper(rules);
    g.add(hit({ rules: ['nope'] }));
    g.add(hit({ time: 'yesterday' }));
    assert.equal(g.findings().length, 0);
  });
  it('bounds what one finding holds against a flood of distinct attacker values', () => {
    const g = new FindingGrouper(rules);
    for (let i = 0; i < 5000; i++)
      g.add(hit({ sourceIp: `10.0.${i >> 8}.${i & 255}`, userAgent: `ua-${i}` }));
    const [finding] = g.findings();
    assert.ok(
      finding &&
        finding.source_ips.length === LIST_CAPS.ips &&
        finding.user_agents.length === LIST_CAPS.agents,
    );
    assert.equal(finding.count, 5000);
  });
  it('ids are stable for the same evidence', () => {
    const a = new FindingGrouper(rules);
    const b = new FindingGrouper(rules);
    a.add(hit());
    b.add(hit());
    assert.equal(a.findings()[0]?.id, b.findings()[0]?.id);
  });
  it('--fail-on compares severities', () => {
    const g = new FindingGrouper(rules);
    g.add(hit({ rules: ['low'] }));
    const findings = g.findings();
    assert.equal(anyAtOrAbove(findings, 'low'), true);
    assert.equal(anyAtOrAbove(findings, 'medium'), false);
    assert.deepEqual(countBySeverity(findings), {
      critical: 0,
      high: 0,
      medium: 0,
      low: 1,
      informational: 0,
    });
  });
});
