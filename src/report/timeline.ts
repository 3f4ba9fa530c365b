import type { ActionEntry } from '../cases/types.js';
import { principalOf } from '../trail/record.js';
import type { Milestones } from './milestones.js';
import type { ChartModel, MarkerKind, ReportInput, TimelineItem } from './model.js';

/** Events listed one by one up to this many; past it the timeline keeps findings, actions and milestones. */
export const MAX_TIMELINE_EVENTS = 300;
const MAX_PRINCIPALS = 6;
const NICE_BUCKETS = [
  60e3,
  5 * 60e3,
  15 * 60e3,
  30 * 60e3,
  3600e3,
  3 * 3600e3,
  6 * 3600e3,
  12 * 3600e3,
  86400e3,
];

export function actor(a: Pick<ActionEntry, 'actorArn' | 'localUser'>): string {
  return a.actorArn ? `${a.actorArn} (${a.localUser})` : a.localUser;
}

function iso(t: string): string {
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
}

/** Events, findings, response actions and milestones in one list, oldest first. */
export function timelineItems(input: ReportInput, m: Milestones): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const e of input.events.slice(0, MAX_TIMELINE_EVENTS)) {
    items.push({
      at: iso(e.eventTime),
      kind: 'event',
      title: `${e.eventSource.replace(/\.amazonaws\.com$/, '')}:${e.eventName}${e.errorCode ? ` (${e.errorCode})` : ''}`,
      who: principalOf(e),
      detail: [e.sourceIPAddress, e.awsRegion].filter(Boolean).join(' · '),
    });
  }
  for (const { finding: f, source } of input.findings) {
    items.push({
      at: iso(f.first_seen),
      kind: 'finding',
      title: f.title,
      who: f.principal,
      severity: f.severity,
      detail: `${source} · ${f.rule.id} · ${f.count} event(s)`,
    });
  }
  for (const a of input.actions) {
    items.push({
      at: iso(a.finishedAt ?? a.startedAt),
      kind: 'action',
      title: `${a.kind === 'undo' ? 'undo ' : ''}${a.playbook}:${a.stepId} on ${a.target}`,
      who: actor(a),
      detail: `${a.status}${a.summary ? ` · ${a.summary}` : ''}`,
    });
  }
  const marks: [string, { at: string | null; how: string }][] = [
    ['First malicious event', m.firstMaliciousEvent],
    ['First finding', m.firstFinding],
    ['Containment verified', m.containmentVerified],
    ['Recovered', m.recovered],
  ];
  for (const [title, ms] of marks)
    if (ms.at) items.push({ at: ms.at, kind: 'milestone', title, who: '', detail: ms.how });
  const order = { milestone: 0, event: 1, finding: 2, action: 3 };
  return items.sort((a, b) => a.at.localeCompare(b.at) || order[a.kind] - order[b.kind]);
}

/**
 * The activity chart: events per time bucket by principal (the most active few, the rest as
 * "other"), findings by severity, and markers at the milestones. Null when there is nothing to draw.
 */
export function activityChart(input: ReportInput, m: Milestones): ChartModel | null {
  const times = [
    ...input.events.map((e) => Date.parse(e.eventTime)),
    ...input.findings.map((f) => Date.parse(f.finding.first_seen)),
  ].filter((t) => !Number.isNaN(t));
  const marks: [MarkerKind, string, string | null][] = [
    ['first-malicious-event', 'first malicious event', m.firstMaliciousEvent.at],
    ['first-finding', 'first finding', m.firstFinding.at],
    ['containment', 'containment verified', m.containmentVerified.at],
  ];
  for (const [, , at] of marks) if (at) times.push(Date.parse(at));
  if (times.length === 0) return null;
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const bucketMs =
    NICE_BUCKETS.find((b) => (hi - lo) / b <= 48) ?? Math.ceil((hi - lo) / 48 / 86400e3) * 86400e3;
  const start = Math.floor(lo / bucketMs) * bucketMs;
  const buckets = Math.floor((hi - start) / bucketMs) + 1;
  const perPrincipal = new Map<string, number>();
  for (const e of input.events) perPrincipal.set(principalOf(e), (perPrincipal.get(principalOf(e)) ?? 0) + 1);
  const ranked = [...perPrincipal.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const principals = ranked.slice(0, MAX_PRINCIPALS).map(([p]) => p);
  if (ranked.length > MAX_PRINCIPALS) principals.push('other');
  const counts = Array.from({ length: buckets }, () => principals.map(() => 0));
  for (const e of input.events) {
    const t = Date.parse(e.eventTime);
    if (Number.isNaN(t)) continue;
    let p = principals.indexOf(principalOf(e));
    if (p < 0) p = principals.length - 1;
    const row = counts[Math.floor((t - start) / bucketMs)];
    if (row) row[p] = (row[p] ?? 0) + 1;
  }
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + buckets * bucketMs).toISOString(),
    bucketMs,
    principals,
    counts,
    findings: input.findings.map((f) => ({
      at: iso(f.finding.first_seen),
      severity: f.finding.severity,
      title: f.finding.title,
    })),
    markers: marks.filter(([, , at]) => at).map(([kind, label, at]) => ({ kind, label, at: at as string })),
  };
}
