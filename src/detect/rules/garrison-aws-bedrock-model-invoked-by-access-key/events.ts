import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-bedrock-model-invoked-by-access-key must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel',
    awsRegion: 'eu-west-3',
    requestParameters: { modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0' },
    errorCode: 'ValidationException',
    errorMessage: 'max_tokens_to_sample: range: 1..1,000,000',
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'InvokeModel',
    actor: 'instance',
    requestParameters: { modelId: 'anthropic.claude-3-5-sonnet-20241022-v2:0' },
  }),
  apiCall({ eventSource: 'bedrock.amazonaws.com', eventName: 'ListFoundationModels' }),
];
