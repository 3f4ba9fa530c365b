import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ami-deregistered must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DeregisterImage',
    requestParameters: { imageId: 'ami-0b87ea1d007078d18', deleteAssociatedSnapshots: false },
    responseElements: { _return: true },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RegisterImage',
    requestParameters: { name: 'web-2026-03' },
  }),
];
