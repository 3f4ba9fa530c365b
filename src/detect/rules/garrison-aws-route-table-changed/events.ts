import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-route-table-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'CreateRoute',
    requestParameters: {
      routeTableId: 'rtb-0a1b2c3d4e5f67890',
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: 'igw-0c0a1b2c3d4e5f678',
    },
    responseElements: { _return: true },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeRouteTables',
    requestParameters: { routeTableIdSet: {}, filterSet: {} },
  }),
];
