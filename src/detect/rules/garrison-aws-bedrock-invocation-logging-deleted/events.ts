import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-bedrock-invocation-logging-deleted must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({ eventSource: 'bedrock.amazonaws.com', eventName: 'DeleteModelInvocationLoggingConfiguration' }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'PutModelInvocationLoggingConfiguration',
    requestParameters: {
      loggingConfig: { textDataDeliveryEnabled: true, s3Config: { bucketName: 'bedrock-logs' } },
    },
  }),
  apiCall({ eventSource: 'bedrock.amazonaws.com', eventName: 'GetModelInvocationLoggingConfiguration' }),
];
