import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-dns-query-logging-deleted must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'route53resolver.amazonaws.com',
    eventName: 'DeleteResolverQueryLogConfig',
    requestParameters: { resolverQueryLogConfigId: 'rqlc-8ca61fe7c055415a' },
  }),
  apiCall({
    eventSource: 'route53resolver.amazonaws.com',
    eventName: 'DisassociateResolverQueryLogConfig',
    requestParameters: {
      resolverQueryLogConfigId: 'rqlc-8ca61fe7c055415a',
      resourceId: 'vpc-0a1b2c3d4e5f67890',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'route53resolver.amazonaws.com',
    eventName: 'CreateResolverQueryLogConfig',
    requestParameters: { name: 'vpc-dns', destinationArn: 'arn:aws:s3:::dns-logs' },
  }),
];
