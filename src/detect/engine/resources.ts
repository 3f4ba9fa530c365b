import type { CloudTrailRecord } from '../../trail/record.js';

const MAX_RESOURCES = 20;

type Params = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 2048 ? value : undefined;
}

/** Instance ids from `instanceId`, `instancesSet.items[].instanceId` or `instanceIds[]`. */
function instanceIds(p: Params): string[] {
  const ids: string[] = [];
  const one = str(p.instanceId);
  if (one) ids.push(one);
  const set = p.instancesSet as { items?: { instanceId?: unknown }[] } | undefined;
  for (const item of set?.items ?? []) if (str(item?.instanceId)) ids.push(item.instanceId as string);
  if (Array.isArray(p.instanceIds)) for (const id of p.instanceIds) if (str(id)) ids.push(id);
  return ids;
}

/**
 * The resources a record acted on, as ARNs where CloudTrail gives or implies them: the record's
 * `resources`, else well-known request parameters (bucket, instance, user, role, trail, ...).
 */
export function resourcesOf(record: CloudTrailRecord): string[] {
  const out = new Set<string>();
  for (const r of record.resources ?? []) if (str(r.ARN)) out.add(r.ARN as string);
  const p = (record.requestParameters ?? {}) as Params;
  const account = record.recipientAccountId ?? record.userIdentity?.accountId ?? '';
  const region = record.awsRegion ?? '';
  const source = record.eventSource.replace(/\.amazonaws\.com$/, '');
  const add = (value: string | undefined, arn: (v: string) => string) => {
    if (value && out.size < MAX_RESOURCES) out.add(value.startsWith('arn:') ? value : arn(value));
  };
  if (out.size === 0) {
    add(str(p.bucketName), (v) => `arn:aws:s3:::${v}`);
    for (const id of instanceIds(p)) add(id, (v) => `arn:aws:ec2:${region}:${account}:instance/${v}`);
    if (source === 'iam') {
      add(str(p.userName), (v) => `arn:aws:iam::${account}:user/${v}`);
      add(str(p.roleName), (v) => `arn:aws:iam::${account}:role/${v}`);
      add(str(p.groupName), (v) => `arn:aws:iam::${account}:group/${v}`);
      add(str(p.policyArn), (v) => v);
    }
    if (source === 'cloudtrail')
      add(str(p.name) ?? str(p.trailName), (v) => `arn:aws:cloudtrail:${region}:${account}:trail/${v}`);
    add(str(p.groupId), (v) => `arn:aws:ec2:${region}:${account}:security-group/${v}`);
    add(str(p.snapshotId), (v) => `arn:aws:ec2:${region}::snapshot/${v}`);
    add(str(p.imageId), (v) => `arn:aws:ec2:${region}::image/${v}`);
    add(str(p.keyId), (v) => `arn:aws:kms:${region}:${account}:key/${v}`);
    add(str(p.functionName), (v) => `arn:aws:lambda:${region}:${account}:function/${v}`);
    add(str(p.detectorId), (v) => `arn:aws:guardduty:${region}:${account}:detector/${v}`);
    add(str(p.logGroupName), (v) => `arn:aws:logs:${region}:${account}:log-group:${v}`);
    add(
      str(p.dBInstanceIdentifier) ?? str(p.dbInstanceIdentifier),
      (v) => `arn:aws:rds:${region}:${account}:db:${v}`,
    );
    add(str(p.secretId), (v) => `arn:aws:secretsmanager:${region}:${account}:secret:${v}`);
  }
  return [...out].slice(0, MAX_RESOURCES);
}
