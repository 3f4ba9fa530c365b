import type { CloudTrailRecord } from '../../../trail/record.js';
import { ATTACKER_ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-vpc-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'CreateVpcPeeringConnection',
    requestParameters: {
      vpcId: 'vpc-0a1b2c3d4e5f67890',
      peerVpcId: 'vpc-0fedcba9876543210',
      peerOwnerId: ATTACKER_ACCOUNT,
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeVpcs',
    requestParameters: { vpcSet: {}, filterSet: {} },
  }),
];
