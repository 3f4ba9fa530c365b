import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-network-acl-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'CreateNetworkAclEntry',
    requestParameters: {
      networkAclId: 'acl-0a1b2c3d',
      ruleNumber: 90,
      egress: false,
      ruleAction: 'allow',
      icmpTypeCode: {},
      portRange: { from: 0, to: 65535 },
      aclProtocol: '-1',
      cidrBlock: '0.0.0.0/0',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeNetworkAcls',
    requestParameters: { networkAclIdSet: {}, filterSet: {} },
  }),
];
