import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ssm-command-sent must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'SendCommand',
    requestParameters: {
      instanceIds: ['i-0a1b2c3d4e5f67890', 'i-0fedcba9876543210'],
      documentName: 'AWS-RunShellScript',
      parameters: 'HIDDEN_DUE_TO_SECURITY_REASONS',
      interactive: false,
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'ListCommandInvocations',
    requestParameters: { commandId: 'a1b2c3d4' },
  }),
  apiCall({
    eventSource: 'ssm.amazonaws.com',
    eventName: 'SendCommand',
    actor: 'service',
    requestParameters: { instanceIds: ['i-0a1b2c3d4e5f67890'], documentName: 'AWS-RunPatchBaseline' },
  }),
];
