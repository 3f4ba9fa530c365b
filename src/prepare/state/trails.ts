import {
  type AdvancedEventSelector,
  CloudTrailClient,
  DescribeTrailsCommand,
  type EventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../../aws/clients.js';
import { describeAwsFailure } from './observe.js';

/** What the audit needs to know about one trail (read in its home region). */
export interface TrailState {
  name: string;
  arn: string;
  homeRegion: string;
  multiRegion: boolean;
  organizationTrail: boolean;
  logging: boolean;
  logFileValidation: boolean;
  kmsKeyId: string | undefined;
  bucketName: string | undefined;
  logGroupArn: string | undefined;
  logsRoleArn: string | undefined;
  /** Management events recorded: 'All', 'ReadOnly', 'WriteOnly' or 'None'. */
  managementEvents: 'All' | 'ReadOnly' | 'WriteOnly' | 'None';
  /** Data events recorded for every S3 object / every Lambda function. */
  s3DataEvents: boolean;
  lambdaDataEvents: boolean;
  /** Why its status or selectors could not be read (e.g. an organization trail seen from a member); then it counts as not logging. */
  readError?: string;
}

/** Reads the classic event selectors: management read/write scope and data events for all S3 objects / Lambda functions. */
export function classicSelectorScope(
  selectors: readonly EventSelector[],
): Pick<TrailState, 'managementEvents' | 's3DataEvents' | 'lambdaDataEvents'> {
  let read = false;
  let write = false;
  let s3 = false;
  let lambda = false;
  for (const s of selectors) {
    const rw = s.ReadWriteType ?? 'All';
    if (s.IncludeManagementEvents !== false) {
      if (rw === 'All' || rw === 'ReadOnly') read = true;
      if (rw === 'All' || rw === 'WriteOnly') write = true;
    }
    for (const d of s.DataResources ?? []) {
      const all = (d.Values ?? []).some((v) => /^arn:[^:]+:s3(:::)?$/.test(v) || v === 'arn:aws:s3:::');
      if (d.Type === 'AWS::S3::Object' && all && rw !== 'ReadOnly' && rw !== 'WriteOnly') s3 = true;
      const allFunctions = (d.Values ?? []).some((v) => /^arn:[^:]+:lambda$/.test(v));
      if (d.Type === 'AWS::Lambda::Function' && allFunctions) lambda = true;
    }
  }
  const managementEvents = read && write ? 'All' : read ? 'ReadOnly' : write ? 'WriteOnly' : 'None';
  return { managementEvents, s3DataEvents: s3, lambdaDataEvents: lambda };
}

/** Reads advanced event selectors the same way (a selector that narrows by readOnly covers only that half). */
export function advancedSelectorScope(
  selectors: readonly AdvancedEventSelector[],
): Pick<TrailState, 'managementEvents' | 's3DataEvents' | 'lambdaDataEvents'> {
  let read = false;
  let write = false;
  let s3 = false;
  let lambda = false;
  for (const s of selectors) {
    const field = (name: string) => s.FieldSelectors?.find((f) => f.Field === name);
    const category = field('eventCategory')?.Equals ?? [];
    const readOnly = field('readOnly')?.Equals;
    const narrowed = (field('resources.ARN') ?? field('eventName') ?? field('eventSource')) !== undefined;
    if (category.includes('Management')) {
      if (!readOnly || readOnly.includes('true')) read = true;
      if (!readOnly || readOnly.includes('false')) write = true;
    }
    if (category.includes('Data') && !readOnly && !narrowed) {
      const types = field('resources.type')?.Equals ?? [];
      if (types.includes('AWS::S3::Object')) s3 = true;
      if (types.includes('AWS::Lambda::Function')) lambda = true;
    }
  }
  const managementEvents = read && write ? 'All' : read ? 'ReadOnly' : write ? 'WriteOnly' : 'None';
  return { managementEvents, s3DataEvents: s3, lambdaDataEvents: lambda };
}

/** Every trail that applies to this account (including organization trails), with status and selectors. */
export async function readTrails(
  clients: AwsClients,
  region: string = clients.defaultRegion,
): Promise<TrailState[]> {
  const answer = await clients
    .client(CloudTrailClient, region)
    .send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  const trails: TrailState[] = [];
  const seen = new Set<string>();
  for (const t of answer.trailList ?? []) {
    const arn = t.TrailARN ?? t.Name ?? '';
    if (seen.has(arn)) continue;
    seen.add(arn);
    const home = t.HomeRegion ?? region;
    const trailClient = clients.client(CloudTrailClient, home);
    let status: { IsLogging?: boolean | undefined } = {};
    let scope: ReturnType<typeof classicSelectorScope> = {
      managementEvents: 'None',
      s3DataEvents: false,
      lambdaDataEvents: false,
    };
    let readError: string | undefined;
    try {
      const [answer, selectors] = await Promise.all([
        trailClient.send(new GetTrailStatusCommand({ Name: arn })),
        trailClient.send(new GetEventSelectorsCommand({ TrailName: arn })),
      ]);
      status = answer;
      scope = selectors.AdvancedEventSelectors?.length
        ? advancedSelectorScope(selectors.AdvancedEventSelectors)
        : classicSelectorScope(
            selectors.EventSelectors ?? [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
          );
    } catch (error) {
      readError = describeAwsFailure(error, `trail ${t.Name ?? arn}`);
    }
    trails.push({
      name: t.Name ?? arn,
      arn,
      homeRegion: home,
      multiRegion: t.IsMultiRegionTrail === true,
      organizationTrail: t.IsOrganizationTrail === true,
      logging: status.IsLogging === true,
      logFileValidation: t.LogFileValidationEnabled === true,
      kmsKeyId: t.KmsKeyId,
      bucketName: t.S3BucketName,
      logGroupArn: t.CloudWatchLogsLogGroupArn,
      logsRoleArn: t.CloudWatchLogsRoleArn,
      ...scope,
      ...(readError ? { readError } : {}),
    });
  }
  return trails;
}
