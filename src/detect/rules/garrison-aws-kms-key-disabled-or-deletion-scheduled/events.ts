import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-kms-key-disabled-or-deletion-scheduled must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'kms.amazonaws.com',
    eventName: 'ScheduleKeyDeletion',
    requestParameters: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', pendingWindowInDays: 7 },
    responseElements: {
      keyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      deletionDate: 'Mar 21, 2026, 12:00:00 AM',
      keyState: 'PendingDeletion',
      pendingWindowInDays: 7,
    },
  }),
  apiCall({
    eventSource: 'kms.amazonaws.com',
    eventName: 'DisableKey',
    requestParameters: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'kms.amazonaws.com',
    eventName: 'CancelKeyDeletion',
    requestParameters: { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' },
  }),
  apiCall({ eventSource: 'ec2.amazonaws.com', eventName: 'DisableKey' }),
];
