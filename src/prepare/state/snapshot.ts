import type { AwsClients } from '../../aws/clients.js';
import { createLimiter } from '../../trail/sources/limit.js';
import type { EvidenceBucketState } from './bucket.js';
import { readBucketExposure, readBucketLogging } from './bucket.js';
import { type IsolationState, readEbsEncryptionByDefault, readIsolation } from './containment.js';
import { type GuardDutyState, readGuardDuty } from './guardduty.js';
import { readTrailKey, type TrailKeyState } from './kms.js';
import { type LogMonitoringState, readLogMonitoring } from './log-monitoring.js';
import { type Observed, observe } from './observe.js';
import { type OrganizationState, readOrganization } from './organization.js';
import { readEvidenceBuckets, readResponderRoles } from './responders.js';
import { readTrails, type TrailState } from './trails.js';

export interface AuditScope {
  /** Regions to audit (default: every enabled region). */
  regions?: string[];
  /** The forensic evidence bucket (default: buckets named forensic/evidence). */
  evidenceBucket?: string;
  /** The responder role name or ARN (default: roles named responder/incident-response/forensic). */
  responderRole?: string;
}

export interface TrailBucketState {
  exposure: Observed<string[]>;
  accessLogsTo: Observed<string | undefined>;
}

/**
 * Everything the readiness checks look at, read once (read-only calls only). Checks are pure functions
 * of this snapshot, so they are tested without AWS, and `prepare apply` can plan from the same data.
 */
export interface AccountSnapshot {
  accountId: string;
  regions: string[];
  organization: Observed<OrganizationState>;
  trails: Observed<TrailState[]>;
  /** By bucket name, for every trail's bucket. */
  trailBuckets: Record<string, TrailBucketState>;
  /** By log group ARN, for every trail that delivers to CloudWatch Logs. */
  logMonitoring: Record<string, Observed<LogMonitoringState>>;
  /** By the trail's KmsKeyId, for every trail encrypted with a KMS key. */
  trailKeys: Record<string, Observed<TrailKeyState>>;
  guardDuty: Record<string, Observed<GuardDutyState>>;
  isolation: Record<string, Observed<IsolationState>>;
  ebsEncryptionByDefault: Record<string, Observed<boolean>>;
  evidenceBuckets: Observed<EvidenceBucketState[]>;
  responderRoles: Observed<string[]>;
  scope: AuditScope;
}

export async function gatherSnapshot(clients: AwsClients, scope: AuditScope = {}): Promise<AccountSnapshot> {
  const accountId = await clients.accountId();
  const regions = scope.regions?.length ? scope.regions : await clients.enabledRegions();
  const limit = createLimiter(4);
  const [organization, trails, evidenceBuckets, responderRoles] = await Promise.all([
    observe('organizations:DescribeOrganization', () => readOrganization(clients)),
    observe('CloudTrail trails, status and event selectors', () => readTrails(clients)),
    observe('S3 evidence buckets (ListBuckets, versioning, Object Lock)', () =>
      readEvidenceBuckets(clients, scope.evidenceBucket),
    ),
    observe('iam:ListRoles', () => readResponderRoles(clients, scope.responderRole)),
  ]);
  const trailBuckets: Record<string, TrailBucketState> = {};
  const logMonitoring: Record<string, Observed<LogMonitoringState>> = {};
  const trailKeys: Record<string, Observed<TrailKeyState>> = {};
  for (const trail of trails.ok ? trails.value : []) {
    if (trail.bucketName && !trailBuckets[trail.bucketName]) {
      const bucket = trail.bucketName;
      trailBuckets[bucket] = {
        exposure: await observe('S3 public access block, policy status and ACL', () =>
          readBucketExposure(clients, bucket),
        ),
        accessLogsTo: await observe('s3:GetBucketLogging', () => readBucketLogging(clients, bucket)),
      };
    }
    const group = trail.logGroupArn;
    if (group && !logMonitoring[group]) {
      logMonitoring[group] = await observe('logs:DescribeMetricFilters', () =>
        readLogMonitoring(clients, group),
      );
    }
    const key = trail.kmsKeyId;
    if (key && !trailKeys[key]) {
      trailKeys[key] = await observe('kms:DescribeKey and kms:GetKeyPolicy', () =>
        readTrailKey(clients, key, trail.homeRegion),
      );
    }
  }
  const guardDuty: Record<string, Observed<GuardDutyState>> = {};
  const isolation: Record<string, Observed<IsolationState>> = {};
  const ebsEncryptionByDefault: Record<string, Observed<boolean>> = {};
  await Promise.all(
    regions.map((region) =>
      limit(async () => {
        guardDuty[region] = await observe('GuardDuty detectors and EventBridge finding rules', () =>
          readGuardDuty(clients, region),
        );
        isolation[region] = await observe('EC2 VPCs and security groups', () =>
          readIsolation(clients, region),
        );
        ebsEncryptionByDefault[region] = await observe('ec2:GetEbsEncryptionByDefault', () =>
          readEbsEncryptionByDefault(clients, region),
        );
      }),
    ),
  );
  return {
    accountId,
    regions,
    organization,
    trails,
    trailBuckets,
    logMonitoring,
    trailKeys,
    guardDuty,
    isolation,
    ebsEncryptionByDefault,
    evidenceBuckets,
    responderRoles,
    scope,
  };
}
