import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-bedrock-guardrail-deleted must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'DeleteGuardrail',
    requestParameters: { guardrailIdentifier: 'gr-4c9mmv5kvcqb' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'bedrock.amazonaws.com',
    eventName: 'GetGuardrail',
    requestParameters: { guardrailIdentifier: 'gr-4c9mmv5kvcqb' },
  }),
];
