import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-lambda-function-made-public must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'lambda.amazonaws.com',
    eventName: 'AddPermission20150331v2',
    requestParameters: {
      functionName: 'billing-export',
      statementId: 'backdoor',
      action: 'lambda:InvokeFunction',
      principal: '*',
    },
    responseElements: {
      statement: '{"Sid":"backdoor","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction"}',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'lambda.amazonaws.com',
    eventName: 'AddPermission20150331v2',
    requestParameters: {
      functionName: 'billing-export',
      statementId: 's3-trigger',
      action: 'lambda:InvokeFunction',
      principal: 's3.amazonaws.com',
      sourceAccount: ACCOUNT,
    },
  }),
];
