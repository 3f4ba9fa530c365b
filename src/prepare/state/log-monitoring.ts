import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { paginateListSubscriptionsByTopic, SNSClient } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';

/** A metric filter on the trail's log group and the metrics it feeds. */
export interface MetricFilterState {
  name: string;
  pattern: string;
  metrics: { namespace: string; name: string }[];
}

export interface AlarmState {
  name: string;
  namespace: string | undefined;
  metricName: string | undefined;
  actionsEnabled: boolean;
  /** ARNs in AlarmActions (what runs when the alarm fires). */
  actions: string[];
}

/** What turns CloudTrail events in one log group into a page: filters, alarms on their metrics, topics behind them. */
export interface LogMonitoringState {
  region: string;
  logGroupName: string;
  filters: MetricFilterState[];
  alarms: AlarmState[];
  /** For each SNS topic an alarm notifies: its confirmed subscriptions. */
  topicSubscriptions: Record<string, number>;
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*` → region and name. */
export function parseLogGroupArn(arn: string): { region: string; logGroupName: string } {
  const match = /^arn:[^:]+:logs:([^:]+):[^:]*:log-group:(.+?)(:\*)?$/.exec(arn);
  if (!match) throw new GarrisonError('input', `not a CloudWatch Logs log group ARN: ${arn}`);
  return { region: match[1] as string, logGroupName: match[2] as string };
}

export async function readMetricFilters(
  clients: AwsClients,
  region: string,
  logGroupName: string,
): Promise<MetricFilterState[]> {
  const filters: MetricFilterState[] = [];
  const logs = clients.client(CloudWatchLogsClient, region);
  for await (const page of paginateDescribeMetricFilters({ client: logs }, { logGroupName })) {
    for (const f of page.metricFilters ?? []) {
      filters.push({
        name: f.filterName ?? '(unnamed)',
        pattern: f.filterPattern ?? '',
        metrics: (f.metricTransformations ?? []).map((t) => ({
          namespace: t.metricNamespace ?? '',
          name: t.metricName ?? '',
        })),
      });
    }
  }
  return filters;
}

export async function readAlarms(clients: AwsClients, region: string): Promise<AlarmState[]> {
  const alarms: AlarmState[] = [];
  const cloudwatch = clients.client(CloudWatchClient, region);
  for await (const page of paginateDescribeAlarms({ client: cloudwatch }, { AlarmTypes: ['MetricAlarm'] })) {
    for (const a of page.MetricAlarms ?? []) {
      alarms.push({
        name: a.AlarmName ?? '(unnamed)',
        namespace: a.Namespace,
        metricName: a.MetricName,
        actionsEnabled: a.ActionsEnabled !== false,
        actions: a.AlarmActions ?? [],
      });
    }
  }
  return alarms;
}

/** Confirmed subscriptions of a topic (pending confirmations page nobody). */
export async function confirmedSubscriptions(clients: AwsClients, topicArn: string): Promise<number> {
  const region = topicArn.split(':')[3] ?? clients.defaultRegion;
  let count = 0;
  const sns = clients.client(SNSClient, region);
  for await (const page of paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: topicArn })) {
    for (const s of page.Subscriptions ?? []) {
      if (s.SubscriptionArn?.startsWith('arn:')) count++;
    }
  }
  return count;
}

/** Everything between the trail's log group and a person being paged, read once. */
export async function readLogMonitoring(
  clients: AwsClients,
  logGroupArn: string,
): Promise<LogMonitoringState> {
  const { region, logGroupName } = parseLogGroupArn(logGroupArn);
  const [filters, allAlarms] = await Promise.all([
    readMetricFilters(clients, region, logGroupName),
    readAlarms(clients, region),
  ]);
  const metricKeys = new Set(filters.flatMap((f) => f.metrics.map((m) => `${m.namespace}|${m.name}`)));
  const alarms = allAlarms.filter((a) => metricKeys.has(`${a.namespace}|${a.metricName}`));
  const topics = [...new Set(alarms.flatMap((a) => a.actions).filter((arn) => /^arn:[^:]+:sns:/.test(arn)))];
  const topicSubscriptions: Record<string, number> = {};
  for (const topic of topics) topicSubscriptions[topic] = await confirmedSubscriptions(clients, topic);
  return { region, logGroupName, filters, alarms, topicSubscriptions };
}
