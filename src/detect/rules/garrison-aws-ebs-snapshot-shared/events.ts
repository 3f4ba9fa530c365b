import type { CloudTrailRecord } from '../../../trail/record.js';
import { ATTACKER_ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ebs-snapshot-shared must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifySnapshotAttribute',
    requestParameters: {
      snapshotId: 'snap-0a1b2c3d4e5f67890',
      createVolumePermission: { add: { items: [{ userId: ATTACKER_ACCOUNT }] } },
      attributeType: 'CREATE_VOLUME_PERMISSION',
    },
    responseElements: { _return: true },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifySnapshotAttribute',
    requestParameters: {
      snapshotId: 'snap-0a1b2c3d4e5f67890',
      createVolumePermission: { add: { items: [{ group: 'all' }] } },
      attributeType: 'CREATE_VOLUME_PERMISSION',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifySnapshotAttribute',
    requestParameters: {
      snapshotId: 'snap-0a1b2c3d4e5f67890',
      createVolumePermission: { remove: { items: [{ userId: ATTACKER_ACCOUNT }] } },
      attributeType: 'CREATE_VOLUME_PERMISSION',
    },
  }),
];
