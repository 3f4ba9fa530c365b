import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-lambda-code-overwritten must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'lambda.amazonaws.com',
    eventName: 'UpdateFunctionCode20150331v2',
    requestParameters: { functionName: 'billing-export', publish: false, dryRun: false },
    responseElements: {
      functionName: 'billing-export',
      codeSha256: 'zWoVxE8gY9Sx6Mb3fX1jxPOtWc0rX6Nq2ouWZP7dJ0k=',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'lambda.amazonaws.com',
    eventName: 'GetFunction20150331v2',
    requestParameters: { functionName: 'billing-export' },
  }),
];
