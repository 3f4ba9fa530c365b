import type { AwsClients } from '../../aws/clients.js';
import { CIS_METRIC_FILTERS } from '../cis/patterns.js';
import { readLogMonitoring } from '../state/log-monitoring.js';
import { readTrails } from '../state/trails.js';

/** A metric filter as an alarm source: its pattern and the alarms on the metric it feeds. */
export interface AlarmFilter {
  name: string;
  pattern: string;
  /** Alarms on the filter's metric(s); empty when nothing would page anyone. */
  alarms: string[];
  /** Where it lives: `builtin` or the log group name. */
  logGroup: string;
}

export interface AlarmFilterSet {
  origin: 'account' | 'builtin';
  filters: AlarmFilter[];
  /** Why the built-in set is used, or which trails/log groups were read. */
  note: string;
}

/** The 15 built-in CIS filters, each with an alarm of the same name. */
export function builtinAlarmFilters(note = 'built-in CIS filters'): AlarmFilterSet {
  return {
    origin: 'builtin',
    note,
    filters: CIS_METRIC_FILTERS.map((f) => ({
      name: f.id,
      pattern: f.pattern,
      alarms: [`${f.control ?? 'CIS'} ${f.title}`],
      logGroup: 'builtin',
    })),
  };
}

/**
 * The metric filters of every log group a trail delivers to (DescribeTrails → CloudWatchLogsLogGroupArn →
 * DescribeMetricFilters), with the alarms on their metrics. Falls back to the built-in set, saying why,
 * when no trail delivers to CloudWatch Logs or its group has no filters.
 */
export async function accountAlarmFilters(clients: AwsClients): Promise<AlarmFilterSet> {
  const trails = await readTrails(clients);
  const groups = [...new Set(trails.map((t) => t.logGroupArn).filter((a): a is string => Boolean(a)))];
  if (groups.length === 0)
    return builtinAlarmFilters('no trail delivers to CloudWatch Logs: using the built-in CIS filters');
  const filters: AlarmFilter[] = [];
  for (const arn of groups) {
    const state = await readLogMonitoring(clients, arn);
    for (const f of state.filters) {
      const metricKeys = new Set(f.metrics.map((m) => `${m.namespace}|${m.name}`));
      filters.push({
        name: f.name,
        pattern: f.pattern,
        alarms: state.alarms
          .filter((a) => metricKeys.has(`${a.namespace}|${a.metricName}`))
          .map((a) => a.name),
        logGroup: state.logGroupName,
      });
    }
  }
  if (filters.length === 0) {
    return builtinAlarmFilters(`the trail log group has no metric filters: using the built-in CIS filters`);
  }
  return { origin: 'account', filters, note: `metric filters of ${groups.join(', ')}` };
}
