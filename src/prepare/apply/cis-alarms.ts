import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { StepContext } from '../../respond/step.js';
import { cisCoverage } from '../cis/coverage.js';
import { CIS_METRIC_FILTERS, CIS_METRIC_NAMESPACE, type CisMetricFilter } from '../cis/patterns.js';
import { type LogMonitoringState, readLogMonitoring } from '../state/log-monitoring.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import { arns, type PrepareTarget, trailLayout } from './settings.js';
import { logGroupExists } from './trail-delivery.js';

/** The filters, alarms and topics on the trail's log group: the audit's reading, or a fresh one. */
export async function monitoringOf(
  ctx: StepContext<PrepareTarget>,
  fresh: boolean,
): Promise<LogMonitoringState> {
  const layout = trailLayout(ctx.target);
  const seen = ctx.target.snapshot.logMonitoring[layout.logGroupArn];
  if (!fresh && seen?.ok) return seen.value;
  const empty = {
    region: layout.logRegion,
    logGroupName: layout.logGroupName,
    filters: [],
    alarms: [],
    topicSubscriptions: {},
  };
  if (!(await logGroupExists(ctx.clients, layout.logRegion, layout.logGroupName))) return empty;
  return readLogMonitoring(ctx.clients, layout.logGroupArn);
}

function coverage(pattern: string): string[] {
  try {
    return cisCoverage(pattern);
  } catch {
    return [];
  }
}

/** The metrics whose filters cover a CIS alarm (an account's own filter counts when it matches every positive event). */
export function coveringMetrics(
  cis: CisMetricFilter,
  state: LogMonitoringState,
): { namespace: string; name: string }[] {
  return state.filters.filter((f) => coverage(f.pattern).includes(cis.id)).flatMap((f) => f.metrics);
}

export function filterGaps(state: LogMonitoringState): Change[] {
  return CIS_METRIC_FILTERS.filter((cis) => coveringMetrics(cis, state).length === 0).map((cis) => ({
    kind: 'put-metric-filter',
    cis: cis.id,
    summary: `metric filter garrison-${cis.id} on ${state.logGroupName} → ${CIS_METRIC_NAMESPACE}/${cis.metricName}`,
  }));
}

/**
 * A CIS alarm is in place when an alarm on a covering metric notifies our topic, or a topic with a
 * confirmed subscription. Otherwise garrison adds its own alarm on that metric (an existing alarm is
 * never rewritten).
 */
export function alarmGaps(state: LogMonitoringState, topicArn: string): Change[] {
  const changes: Change[] = [];
  for (const cis of CIS_METRIC_FILTERS) {
    const metrics = coveringMetrics(cis, state);
    const keys = new Set(metrics.map((m) => `${m.namespace}|${m.name}`));
    const paging = state.alarms.some(
      (a) =>
        keys.has(`${a.namespace}|${a.metricName}`) &&
        a.actionsEnabled &&
        a.actions.some((arn) => arn === topicArn || (state.topicSubscriptions[arn] ?? 0) > 0),
    );
    if (paging) continue;
    const metric = metrics[0] ?? { namespace: CIS_METRIC_NAMESPACE, name: cis.metricName };
    changes.push({
      kind: 'put-metric-alarm',
      cis: cis.id,
      namespace: metric.namespace,
      metric: metric.name,
      summary: `alarm garrison-${cis.id} on ${metric.namespace}/${metric.name} ≥ 1 in 5 min → ${topicArn.split(':').pop()}`,
    });
  }
  return changes;
}

const cisById = (id: unknown) => CIS_METRIC_FILTERS.find((f) => f.id === id) as CisMetricFilter;

export const cisMetricFiltersStep = prepareStep<LogMonitoringState>({
  id: 'cis-metric-filters',
  title: 'Metric filters for the 14 CIS patterns and Organizations changes on the trail log group',
  iamActions: [
    'logs:DescribeLogGroups',
    'logs:DescribeMetricFilters',
    'logs:PutMetricFilter',
    'cloudwatch:DescribeAlarms',
    'sns:ListSubscriptionsByTopic',
  ],
  dependsOn: ['trail-log-group'],
  observe: monitoringOf,
  gaps: filterGaps,
  async make(ctx, changes) {
    const layout = trailLayout(ctx.target);
    const logs = ctx.clients.client(CloudWatchLogsClient, layout.logRegion);
    const ids: string[] = [];
    for (const c of changes) {
      const cis = cisById(c.cis);
      ids.push(
        ...idsOf(
          await logs.send(
            new PutMetricFilterCommand({
              logGroupName: layout.logGroupName,
              filterName: `garrison-${cis.id}`,
              filterPattern: cis.pattern,
              metricTransformations: [
                {
                  metricName: cis.metricName,
                  metricNamespace: CIS_METRIC_NAMESPACE,
                  metricValue: '1',
                  defaultValue: 0,
                },
              ],
            }),
          ),
        ),
      );
    }
    return ids;
  },
  ready: (s) => `the ${CIS_METRIC_FILTERS.length} CIS patterns are covered by filters on ${s.logGroupName}`,
});

export const cisAlarmsStep = prepareStep<LogMonitoringState>({
  id: 'cis-alarms',
  title: 'An alarm on each CIS metric, notifying the alert topic',
  iamActions: [
    'logs:DescribeLogGroups',
    'logs:DescribeMetricFilters',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:PutMetricAlarm',
    'sns:ListSubscriptionsByTopic',
  ],
  dependsOn: ['cis-metric-filters', 'alarm-topic'],
  observe: monitoringOf,
  gaps: (state, ctx) => alarmGaps(state, arns(ctx.target).topic),
  async make(ctx, changes) {
    const cloudwatch = ctx.clients.client(CloudWatchClient, trailLayout(ctx.target).logRegion);
    const topic = arns(ctx.target).topic;
    const ids: string[] = [];
    for (const c of changes) {
      const cis = cisById(c.cis);
      ids.push(
        ...idsOf(
          await cloudwatch.send(
            new PutMetricAlarmCommand({
              AlarmName: `garrison-${cis.id}`,
              AlarmDescription: `${cis.title} (${cis.control ?? 'CIS 4.15'})`.slice(0, 1024),
              Namespace: c.namespace as string,
              MetricName: c.metric as string,
              Statistic: 'Sum',
              Period: 300,
              EvaluationPeriods: 1,
              Threshold: 1,
              ComparisonOperator: 'GreaterThanOrEqualToThreshold',
              TreatMissingData: 'notBreaching',
              AlarmActions: [topic],
            }),
          ),
        ),
      );
    }
    return ids;
  },
  ready: () => `each of the ${CIS_METRIC_FILTERS.length} CIS metrics has an alarm that notifies a topic`,
});
