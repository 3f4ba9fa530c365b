import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall, consoleLogin } from '../sample-events.js';

/** Positive: what garrison-aws-console-login-failed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [consoleLogin({ actor: 'user', name: 'alice', success: false })];
export const negative: CloudTrailRecord[] = [
  consoleLogin({ actor: 'user', name: 'alice', success: true, mfa: true }),
  apiCall({
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    errorMessage: 'No username found in supplied account',
    responseElements: { ConsoleLogin: 'Failure' },
  }),
];
