import type { CloudTrailRecord } from '../../trail/record.js';
import type { RecordPeek } from '../../trail/scan/types.js';
import { accessDeniedBurst } from './access-denied-burst.js';
import { consoleLoginNewIpWithoutMfa } from './console-login-new-ip.js';
import { firstUseThenSensitiveCall } from './first-use.js';
import { instanceCredentialsUsedOutsideAws } from './instance-credentials.js';
import { massDeletion } from './mass-deletion.js';

export { awsNetworksFromIpRanges } from './network.js';

import type {
  StatefulCollector,
  StatefulDetection,
  StatefulDetector,
  StatefulHit,
  StatefulOptions,
} from './types.js';

export type {
  StatefulCollector,
  StatefulDetection,
  StatefulDetector,
  StatefulHit,
  StatefulOptions,
} from './types.js';

/** Every stateful detection, explicitly registered. */
export const STATEFUL_DETECTIONS: readonly StatefulDetection[] = [
  accessDeniedBurst,
  consoleLoginNewIpWithoutMfa,
  firstUseThenSensitiveCall,
  instanceCredentialsUsedOutsideAws,
  massDeletion,
];

/**
 * True when at least one of the detections may want this raw record (so it must be parsed). Reads
 * eventName once for all the detections that declare their eventNames, instead of once each.
 */
export function statefulMightMatch(peek: RecordPeek, detections = STATEFUL_DETECTIONS): boolean {
  const byName = detections.filter((d) => d.eventNames);
  if (detections.some((d) => !d.eventNames && d.mightMatch(peek))) return true;
  if (byName.length === 0) return false;
  const names = peek.field('eventName');
  return byName.some((d) => names.some((n) => d.eventNames?.has(n)));
}

/**
 * The fields of a record the stateful detections read: what a scan worker sends back for the main
 * thread to feed them, instead of the whole record.
 */
export function slimRecord(record: CloudTrailRecord): CloudTrailRecord {
  const who = record.userIdentity;
  const request = record.requestParameters;
  const names: Record<string, unknown> = {};
  if (request)
    for (const key of [
      'bucketName',
      'snapshotId',
      'dBSnapshotIdentifier',
      'dBClusterSnapshotIdentifier',
      'name',
      'logGroupName',
      'volumeId',
      'dBInstanceIdentifier',
      'backupVaultName',
      'recoveryPointArn',
      'imageId',
      'fileSystemId',
      'tableName',
      'key',
    ])
      if (typeof request[key] === 'string') names[key] = request[key];
  const mfa = (record.additionalEventData as { MFAUsed?: unknown } | null | undefined)?.MFAUsed;
  const login = (record.responseElements as { ConsoleLogin?: unknown } | null | undefined)?.ConsoleLogin;
  return {
    eventTime: record.eventTime,
    eventSource: record.eventSource,
    eventName: record.eventName,
    awsRegion: record.awsRegion,
    sourceIPAddress: record.sourceIPAddress,
    userAgent: record.userAgent,
    errorCode: record.errorCode,
    eventID: record.eventID,
    vpcEndpointId: record.vpcEndpointId,
    recipientAccountId: record.recipientAccountId,
    resources: record.resources,
    userIdentity: who && {
      type: who.type,
      principalId: who.principalId,
      arn: who.arn,
      accountId: who.accountId,
      accessKeyId: who.accessKeyId,
      userName: who.userName,
      invokedBy: who.invokedBy,
    },
    requestParameters: request ? names : request,
    responseElements: login === undefined ? null : { ConsoleLogin: login },
    additionalEventData: mfa === undefined ? null : { MFAUsed: mfa },
  };
}

/** Runs a set of stateful detectors over records in time order: the in-process driver. */
export class StatefulRun {
  readonly detectors: StatefulDetector[];

  constructor(options: StatefulOptions = {}, detections = STATEFUL_DETECTIONS) {
    this.detectors = detections.map((d) => d.create(options));
  }

  observe(record: CloudTrailRecord): StatefulHit[] {
    return this.detectors.flatMap((d) => d.observe(record));
  }

  flush(): StatefulHit[] {
    return this.detectors.flatMap((d) => d.flush());
  }

  /** Merges what the scan workers gathered per blob (baselines, or StatefulCollectors.drain()). */
  absorb(aggregates: unknown): void {
    if (!aggregates || typeof aggregates !== 'object') return;
    for (const detector of this.detectors) {
      const aggregate = (aggregates as Record<string, unknown>)[detector.id];
      if (aggregate !== undefined) detector.absorb?.(aggregate);
    }
  }
}

/**
 * The raw-record collectors of the detections that have one, for a scan worker: call peek() on
 * every record (before deciding whether to parse it) and send drain() back with each blob's end;
 * the main thread passes it to StatefulRun.absorb().
 */
export class StatefulCollectors {
  readonly #collectors: [string, StatefulCollector][];

  constructor(options: StatefulOptions = {}, detections = STATEFUL_DETECTIONS) {
    this.#collectors = detections.flatMap((d) =>
      d.collector ? [[d.meta.id, d.collector(options)] as [string, StatefulCollector]] : [],
    );
  }

  get empty(): boolean {
    return this.#collectors.length === 0;
  }

  peek(peek: RecordPeek): void {
    for (const [, collector] of this.#collectors) collector.peek(peek);
  }

  drain(): Record<string, unknown> {
    return Object.fromEntries(this.#collectors.map(([id, c]) => [id, c.drain()]));
  }
}
