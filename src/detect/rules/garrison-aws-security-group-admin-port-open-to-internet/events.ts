import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-security-group-admin-port-open-to-internet must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            groups: {},
            ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
            ipv6Ranges: {},
            prefixListIds: {},
          },
        ],
      },
    },
    responseElements: {
      _return: true,
      securityGroupRuleSet: {
        items: [
          {
            groupId: 'sg-0123456789abcdef0',
            securityGroupRuleId: 'sgr-0a1b2c3d4e5f67890',
            isEgress: false,
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            cidrIpv4: '0.0.0.0/0',
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          {
            ipProtocol: '-1',
            groups: {},
            ipRanges: {},
            ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] },
            prefixListIds: {},
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipProtocol: 'tcp',
      fromPort: 3000,
      toPort: 4000,
      cidrIp: '0.0.0.0/0',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            groups: {},
            ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] },
            ipv6Ranges: {},
            prefixListIds: {},
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: {
      groupId: 'sg-0123456789abcdef0',
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            groups: {},
            ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
            ipv6Ranges: {},
            prefixListIds: {},
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'AuthorizeSecurityGroupIngress',
    requestParameters: { groupId: 'sg-0123456789abcdef0', ipPermissions: 'not-a-list' },
  }),
];
