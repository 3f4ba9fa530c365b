import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-securityhub-disabled must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({ eventSource: 'securityhub.amazonaws.com', eventName: 'DisableSecurityHub' }),
  apiCall({
    eventSource: 'securityhub.amazonaws.com',
    eventName: 'BatchDisableStandards',
    requestParameters: {
      StandardsSubscriptionArns: [
        'arn:aws:securityhub:us-east-1:111122223333:subscription/cis-aws-foundations-benchmark/v/1.4.0',
      ],
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'securityhub.amazonaws.com',
    eventName: 'BatchEnableStandards',
    requestParameters: {
      StandardsSubscriptionRequests: [
        { StandardsArn: 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0' },
      ],
    },
  }),
  apiCall({ eventSource: 'securityhub.amazonaws.com', eventName: 'GetFindings' }),
];
