import type { CloudTrailRecord } from '../../../trail/record.js';
import { consoleLogin } from '../sample-events.js';

/** Positive: what garrison-aws-console-login-without-mfa must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [consoleLogin({ actor: 'user', name: 'alice', mfa: false })];
export const negative: CloudTrailRecord[] = [
  consoleLogin({ actor: 'user', name: 'alice', mfa: true }),
  consoleLogin({ actor: 'user', name: 'alice', mfa: false, success: false }),
  consoleLogin({ actor: 'admin-role', name: 'alice', mfa: false }),
];
