import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ses-enumerated must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({ eventSource: 'ses.amazonaws.com', eventName: 'GetAccountSendingEnabled' }),
  apiCall({
    eventSource: 'ses.amazonaws.com',
    eventName: 'ListIdentities',
    requestParameters: { identityType: 'EmailAddress', maxItems: 100 },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ses.amazonaws.com',
    eventName: 'VerifyEmailIdentity',
    requestParameters: { emailAddress: 'ops@example.com' },
  }),
  apiCall({ eventSource: 'sns.amazonaws.com', eventName: 'ListTopics' }),
];
