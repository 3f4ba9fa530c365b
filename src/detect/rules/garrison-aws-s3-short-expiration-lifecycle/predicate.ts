import type { CloudTrailRecord } from '../../../trail/record.js';

const MAX_DAYS = 7;

function days(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : undefined;
}

interface LifecycleRule {
  Status?: string;
  Expiration?: { Days?: unknown };
  NoncurrentVersionExpiration?: { NoncurrentDays?: unknown };
}

/** True when an enabled lifecycle rule deletes objects or old versions within MAX_DAYS. */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 's3.amazonaws.com' || record.eventName !== 'PutBucketLifecycle') return false;
  const config = (record.requestParameters?.LifecycleConfiguration ?? {}) as { Rule?: unknown };
  const rules = (Array.isArray(config.Rule) ? config.Rule : [config.Rule]) as (LifecycleRule | undefined)[];
  return rules.some((rule) => {
    if (rule?.Status !== 'Enabled') return false;
    const limits = [days(rule.Expiration?.Days), days(rule.NoncurrentVersionExpiration?.NoncurrentDays)];
    return limits.some((d) => d !== undefined && d <= MAX_DAYS);
  });
}
