import type { CloudTrailRecord } from '../../../trail/record.js';
import { ATTACKER_ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-lambda-layer-attached must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'lambda.amazonaws.com',
    eventName: 'UpdateFunctionConfiguration20150331v2',
    requestParameters: {
      functionName: 'billing-export',
      layers: [`arn:aws:lambda:us-east-1:${ATTACKER_ACCOUNT}:layer:telemetry-extension:3`],
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'lambda.amazonaws.com',
    eventName: 'UpdateFunctionConfiguration20150331v2',
    requestParameters: { functionName: 'billing-export', timeout: 30, memorySize: 512 },
  }),
];
