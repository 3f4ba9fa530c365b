import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-security-group-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RevokeSecurityGroupEgress',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          {
            ipProtocol: '-1',
            groups: {},
            ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
            ipv6Ranges: {},
            prefixListIds: {},
          },
        ],
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeSecurityGroups',
    requestParameters: { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} },
  }),
];
