import type { CloudTrailRecord } from '../../../trail/record.js';
import { ATTACKER_ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-rds-snapshot-shared must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'rds.amazonaws.com',
    eventName: 'ModifyDBSnapshotAttribute',
    requestParameters: {
      dBSnapshotIdentifier: 'prod-db-2026-03-14',
      attributeName: 'restore',
      valuesToAdd: [ATTACKER_ACCOUNT],
    },
  }),
  apiCall({
    eventSource: 'rds.amazonaws.com',
    eventName: 'ModifyDBClusterSnapshotAttribute',
    requestParameters: {
      dBClusterSnapshotIdentifier: 'prod-aurora-snap',
      attributeName: 'restore',
      valuesToAdd: ['all'],
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'rds.amazonaws.com',
    eventName: 'ModifyDBSnapshotAttribute',
    requestParameters: {
      dBSnapshotIdentifier: 'prod-db-2026-03-14',
      attributeName: 'restore',
      valuesToRemove: [ATTACKER_ACCOUNT],
    },
  }),
];
