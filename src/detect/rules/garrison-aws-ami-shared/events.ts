import type { CloudTrailRecord } from '../../../trail/record.js';
import { ATTACKER_ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ami-shared must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifyImageAttribute',
    requestParameters: {
      imageId: 'ami-0abcdef1234567890',
      launchPermission: { add: { items: [{ userId: ATTACKER_ACCOUNT }] } },
      attributeType: 'launchPermission',
    },
    responseElements: { _return: true },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifyImageAttribute',
    requestParameters: {
      imageId: 'ami-0abcdef1234567890',
      launchPermission: { add: { items: [{ group: 'all' }] } },
      attributeType: 'launchPermission',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifyImageAttribute',
    requestParameters: {
      imageId: 'ami-0abcdef1234567890',
      launchPermission: { remove: { items: [{ userId: ATTACKER_ACCOUNT }] } },
      attributeType: 'launchPermission',
    },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifyImageAttribute',
    requestParameters: { imageId: 'ami-0abcdef1234567890', description: { value: 'web tier' } },
  }),
];
