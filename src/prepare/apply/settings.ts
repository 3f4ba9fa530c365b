import type { PlaybookTarget } from '../../respond/step.js';
import type { TrailKeyState } from '../state/kms.js';
import type { Observed } from '../state/observe.js';
import type { AccountSnapshot } from '../state/snapshot.js';
import type { TrailState } from '../state/trails.js';

/** What `prepare apply` creates, by name: defaults derive from the account id, flags override them. */
export interface PrepareSettings {
  homeRegion: string;
  trailName: string;
  /** The trail's bucket (an adopted trail keeps its own). */
  bucketName: string;
  accessLogBucket: string;
  logGroupName: string;
  logsRoleName: string;
  topicName: string;
  /** Subscribed to the topic when given. */
  email: string | undefined;
  /** GuardDuty findings at or above this severity (1-8.9) reach the topic. */
  minSeverity: number;
  /** An existing KMS key for the trail's logs instead of garrison's own (its key policy is yours: never rewritten). */
  kmsKeyId: string | undefined;
  forwarderRoleName: string;
  findingRuleName: string;
  evidenceBucket: string;
  responderRole: string;
}

export interface PrepareOptions {
  homeRegion?: string;
  trailName?: string;
  bucketName?: string;
  email?: string;
  minSeverity?: number;
  kmsKeyId?: string;
  evidenceBucket?: string;
  responderRole?: string;
}

export function prepareSettings(accountId: string, options: PrepareOptions = {}): PrepareSettings {
  const bucketName = options.bucketName ?? `garrison-cloudtrail-${accountId}`;
  return {
    homeRegion: options.homeRegion ?? 'us-east-1',
    trailName: options.trailName ?? 'garrison',
    bucketName,
    accessLogBucket: `${bucketName}`.slice(0, 51).replace(/[-.]+$/, '') + '-access-logs',
    logGroupName: 'garrison/cloudtrail',
    logsRoleName: 'garrison-cloudtrail-to-logs',
    topicName: 'garrison-alerts',
    email: options.email,
    minSeverity: options.minSeverity ?? 4,
    kmsKeyId: options.kmsKeyId,
    forwarderRoleName: 'garrison-guardduty-forwarder',
    findingRuleName: 'garrison-guardduty-findings',
    evidenceBucket: options.evidenceBucket ?? `garrison-forensics-${accountId}`,
    responderRole: options.responderRole ?? 'incident-responder',
  };
}

/** What `prepare apply` acts on: the account, read once by the audit's snapshot. */
export interface PrepareTarget extends PlaybookTarget {
  account: string;
  settings: PrepareSettings;
  snapshot: AccountSnapshot;
  /** The trail's key as read before planning: --kms-key-id's, else garrison's (by alias). */
  keys?: { given?: Observed<TrailKeyState>; garrison?: Observed<TrailKeyState> };
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The ARNs of what garrison names itself (known before anything exists, so steps need no outputs). */
export function arns(target: PrepareTarget) {
  const { homeRegion: region, topicName, logGroupName, logsRoleName, forwarderRoleName } = target.settings;
  const p = partitionOf(region);
  const account = target.account;
  return {
    topic: `arn:${p}:sns:${region}:${account}:${topicName}`,
    logGroup: `arn:${p}:logs:${region}:${account}:log-group:${logGroupName}:*`,
    logsRole: `arn:${p}:iam::${account}:role/${logsRoleName}`,
    forwarderRole: `arn:${p}:iam::${account}:role/${forwarderRoleName}`,
    homeBus: `arn:${p}:events:${region}:${account}:event-bus/default`,
    trail: `arn:${p}:cloudtrail:${region}:${account}:trail/${target.settings.trailName}`,
  };
}

/**
 * The trail garrison makes ready: the one named --trail-name if it exists, else the account's own
 * trail closest to ready (an organization trail only in the management account that owns it; a
 * member never touches it), else none (one will be created). An existing trail
 * is updated in place, never replaced: its name, bucket and log group stay.
 */
export function chosenTrail(snapshot: AccountSnapshot, settings: PrepareSettings): TrailState | undefined {
  if (!snapshot.trails.ok) return undefined;
  const own = snapshot.trails.value.filter((t) => !t.readError && t.arn.split(':')[4] === snapshot.accountId);
  const named = own.find((t) => t.name === settings.trailName);
  if (named) return named;
  const score = (t: TrailState) =>
    (t.multiRegion ? 4 : 0) + (t.logging ? 2 : 0) + (t.logGroupArn ? 1 : 0) + (t.logFileValidation ? 1 : 0);
  return [...own].sort((a, b) => score(b) - score(a))[0];
}

/** The trail's name, bucket and log group as they will be after apply. */
export function trailLayout(target: PrepareTarget) {
  const trail = chosenTrail(target.snapshot, target.settings);
  const names = arns(target);
  const logGroupArn = trail?.logGroupArn ?? names.logGroup;
  const logGroupName = /log-group:(.+?)(:\*)?$/.exec(logGroupArn)?.[1] ?? target.settings.logGroupName;
  const logRegion = logGroupArn.split(':')[3] ?? target.settings.homeRegion;
  return {
    trail,
    trailName: trail?.name ?? target.settings.trailName,
    trailArn: trail?.arn ?? names.trail,
    trailRegion: trail?.homeRegion ?? target.settings.homeRegion,
    bucketName: trail?.bucketName ?? target.settings.bucketName,
    logGroupArn,
    logGroupName,
    logRegion,
    logsRoleArn: trail?.logsRoleArn ?? names.logsRole,
  };
}
