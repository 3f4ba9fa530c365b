import { formatDuration } from './durations.js';
import type { Milestone, Milestones } from './milestones.js';
import type { Metric, MetricId } from './model.js';

function metric(id: MetricId, label: string, from: [string, Milestone], to: [string, Milestone]): Metric {
  const [fromLabel, a] = from;
  const [toLabel, b] = to;
  const base = { id, label, from: { label: fromLabel, at: a.at }, to: { label: toLabel, at: b.at } };
  const how = `${fromLabel}: ${a.how}; ${toLabel}: ${b.how}.`;
  if (!a.at || !b.at) {
    const missing = [!a.at && fromLabel, !b.at && toLabel].filter(Boolean).join(' and ');
    return { ...base, ms: null, display: 'unknown', method: `unknown: no ${missing}. ${how}` };
  }
  const ms = Date.parse(b.at) - Date.parse(a.at);
  if (ms < 0)
    return {
      ...base,
      ms: null,
      display: 'unknown',
      method: `unknown: ${toLabel} precedes ${fromLabel}. ${how}`,
    };
  return { ...base, ms, display: formatDuration(ms), method: `${toLabel} − ${fromLabel}. ${how}` };
}

/** Time to detect, to contain and to recover, each with how it was computed. */
export function responseMetrics(m: Milestones): Metric[] {
  return [
    metric(
      'time-to-detect',
      'Time to detect',
      ['first malicious event', m.firstMaliciousEvent],
      ['first finding', m.firstFinding],
    ),
    metric(
      'time-to-contain',
      'Time to contain',
      ['first finding', m.firstFinding],
      ['containment verified', m.containmentVerified],
    ),
    metric(
      'time-to-recover',
      'Time to recover',
      ['containment verified', m.containmentVerified],
      ['recovery', m.recovered],
    ),
  ];
}
