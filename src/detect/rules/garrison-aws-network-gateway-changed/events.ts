import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-network-gateway-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AttachInternetGateway',
    requestParameters: { internetGatewayId: 'igw-0c0a1b2c3d4e5f678', vpcId: 'vpc-0a1b2c3d4e5f67890' },
    responseElements: { _return: true },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInternetGateways',
    requestParameters: { internetGatewayIdSet: {}, filterSet: {} },
  }),
];
