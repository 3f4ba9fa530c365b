import { cisCoverage } from '../../cis/coverage.js';
import { CIS_METRIC_FILTERS, type CisMetricFilter } from '../../cis/patterns.js';
import type { LogMonitoringState } from '../../state/log-monitoring.js';
import { type CheckOutcome, defineCheck, GLOBAL } from '../define.js';
import { activeTrails, noActiveTrail } from '../trail-helpers.js';

function coverageOf(pattern: string, cache: Map<string, string[]>): string[] {
  let covers = cache.get(pattern);
  if (!covers) {
    try {
      covers = cisCoverage(pattern);
    } catch {
      covers = [];
    }
    cache.set(pattern, covers);
  }
  return covers;
}

/** Follows one CIS alarm down the chain: filter that covers it → alarm on its metric → SNS topic → subscriber. */
export function judgeAlarmChain(
  cis: CisMetricFilter,
  state: LogMonitoringState,
  cache: Map<string, string[]>,
): CheckOutcome {
  const base = { id: `cloudwatch-alarm-${cis.id}`, region: state.region };
  const filters = state.filters.filter((f) => coverageOf(f.pattern, cache).includes(cis.id));
  if (filters.length === 0) {
    return {
      ...base,
      status: 'fail',
      detail: `no metric filter on ${state.logGroupName} matches the "${cis.title}" events`,
    };
  }
  const keys = new Set(filters.flatMap((f) => f.metrics.map((m) => `${m.namespace}|${m.name}`)));
  const alarms = state.alarms.filter((a) => keys.has(`${a.namespace}|${a.metricName}`));
  const filterNames = filters.map((f) => f.name).join(', ');
  if (alarms.length === 0)
    return { ...base, status: 'fail', detail: `filter ${filterNames} has no alarm on its metric` };
  const notifying = alarms.filter(
    (a) => a.actionsEnabled && a.actions.some((arn) => /^arn:[^:]+:sns:/.test(arn)),
  );
  if (notifying.length === 0) {
    return {
      ...base,
      status: 'fail',
      detail: `alarm ${alarms.map((a) => a.name).join(', ')} notifies no SNS topic`,
    };
  }
  for (const alarm of notifying) {
    const topic = alarm.actions.find((arn) => (state.topicSubscriptions[arn] ?? 0) > 0);
    if (topic) {
      return { ...base, status: 'pass', detail: `filter ${filterNames} → alarm ${alarm.name} → ${topic}` };
    }
  }
  return {
    ...base,
    status: 'fail',
    detail: `alarm ${notifying.map((a) => a.name).join(', ')} notifies topics with no confirmed subscription`,
  };
}

export default defineCheck(
  {
    id: 'cloudwatch-cis-alarms',
    title: 'Each CIS CloudTrail pattern has a metric filter, an alarm and a subscribed SNS topic',
    severity: 'medium',
    whyItMatters:
      'Root use, StopLogging, policy and network changes are the moves of an intrusion in progress: an alarm that pages a person turns them into minutes of dwell time instead of months.',
    remediation:
      'garrison prepare apply (or: aws logs put-metric-filter with the CIS pattern, aws cloudwatch put-metric-alarm on its metric with --alarm-actions <topic>, and a confirmed subscription on the topic); prove them with garrison prepare test-filters',
    controls: [
      ...CIS_METRIC_FILTERS.map((f) => f.control).filter((c): c is string => Boolean(c)),
      'CIS 4.15',
    ],
  },
  (snapshot) => {
    const cache = new Map<string, string[]>();
    const fail = (region: string, status: CheckOutcome['status'], detail: string) =>
      CIS_METRIC_FILTERS.map((cis) => ({ id: `cloudwatch-alarm-${cis.id}`, region, status, detail }));
    const trails = snapshot.trails;
    if (!trails.ok) return fail(GLOBAL, 'error', trails.error);
    const groups = [
      ...new Set(
        activeTrails(trails.value)
          .map((t) => t.logGroupArn)
          .filter((g): g is string => Boolean(g)),
      ),
    ];
    if (groups.length === 0) {
      const none = noActiveTrail(trails.value, 'no logging multi-region trail delivers to CloudWatch Logs');
      return fail(GLOBAL, none.status, none.detail);
    }
    return CIS_METRIC_FILTERS.map((cis) => {
      let best: CheckOutcome | undefined;
      for (const group of groups) {
        const observed = snapshot.logMonitoring[group];
        const outcome: CheckOutcome = !observed
          ? {
              id: `cloudwatch-alarm-${cis.id}`,
              region: GLOBAL,
              status: 'error',
              detail: `${group} was not read`,
            }
          : !observed.ok
            ? { id: `cloudwatch-alarm-${cis.id}`, region: GLOBAL, status: 'error', detail: observed.error }
            : judgeAlarmChain(cis, observed.value, cache);
        if (!best || outcome.status === 'pass') best = outcome;
        if (outcome.status === 'pass') break;
      }
      return best as CheckOutcome;
    });
  },
);
