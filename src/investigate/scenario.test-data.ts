import type { CloudTrailRecord } from '../trail/record.js';

/**
 * A multi-step intrusion for tests: alice's long-term key assumes a role; the role session creates
 * a user and a key for it; the new key is used (and gets a session token, whose call fails), the
 * user signs in to the console. Bob does unrelated work in the same hours (and his own AssumeRole).
 */
export const ACCOUNT = '111122223333';
export const ALICE_KEY = 'AKIAALICEEXAMPLE0001';
export const ROLE_KEY = 'ASIAROLESESSEXAMPLE1';
export const BACKDOOR_KEY = 'AKIABACKDOOREXAMPLE1';
export const TOKEN_KEY = 'ASIATOKENEXAMPLE0001';
export const BOB_KEY = 'AKIABOBEXAMPLE000001';
export const BOB_SESSION_KEY = 'ASIABOBSESSEXAMPLE01';
export const ATTACKER_IP = '203.0.113.7';
export const HOSTILE_AGENT =
  "aws-cli/2 \u001b]8;;http://evil\u0007click\u001b]8;;\u0007 =HYPERLINK('x') \u202e' OR '1'='1 \\";

const alice = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  userName: 'alice',
  principalId: 'AIDAALICE',
};
const roleSession = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/pwn`,
  principalId: 'AROAADMIN:pwn',
  accountId: ACCOUNT,
  sessionContext: {
    sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/admin`, userName: 'admin' },
  },
};
const backdoor = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/backdoor`,
  accountId: ACCOUNT,
  userName: 'backdoor',
  principalId: 'AIDABACKDOOR',
};
const bob = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
  accountId: ACCOUNT,
  userName: 'bob',
  principalId: 'AIDABOB',
};

let n = 0;
function event(
  time: string,
  who: object,
  key: string | undefined,
  source: string,
  name: string,
  extra: Partial<CloudTrailRecord> = {},
): CloudTrailRecord {
  n++;
  return {
    eventVersion: '1.08',
    eventTime: time,
    eventSource: `${source}.amazonaws.com`,
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: ATTACKER_IP,
    userAgent: 'aws-cli/2.15.0',
    userIdentity: { ...who, ...(key ? { accessKeyId: key } : {}) },
    eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    recipientAccountId: ACCOUNT,
    ...extra,
  } as CloudTrailRecord;
}

export function scenario(): CloudTrailRecord[] {
  n = 0;
  return [
    event('2026-11-19T09:00:00Z', bob, BOB_KEY, 's3', 'ListBuckets', {
      sourceIPAddress: '198.51.100.20',
      readOnly: true,
    }),
    event('2026-11-19T10:00:00Z', alice, ALICE_KEY, 'sts', 'AssumeRole', {
      requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/admin`, roleSessionName: 'pwn' },
      responseElements: {
        credentials: { accessKeyId: ROLE_KEY, expiration: 'Nov 19, 2026, 11:00:00 AM' },
        assumedRoleUser: { arn: roleSession.arn, assumedRoleId: 'AROAADMIN:pwn' },
      },
      readOnly: true,
    }),
    event('2026-11-19T10:05:00Z', roleSession, ROLE_KEY, 'iam', 'CreateUser', {
      requestParameters: { userName: 'backdoor' },
      responseElements: { user: { userName: 'backdoor', arn: backdoor.arn } },
      readOnly: false,
    }),
    event('2026-11-19T10:06:00Z', roleSession, ROLE_KEY, 'iam', 'CreateAccessKey', {
      requestParameters: { userName: 'backdoor' },
      responseElements: { accessKey: { accessKeyId: BACKDOOR_KEY, userName: 'backdoor', status: 'Active' } },
      readOnly: false,
    }),
    event('2026-11-19T10:30:00Z', bob, BOB_KEY, 'sts', 'AssumeRole', {
      sourceIPAddress: '198.51.100.20',
      requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy`, roleSessionName: 'bob' },
      responseElements: { credentials: { accessKeyId: BOB_SESSION_KEY }, assumedRoleUser: { arn: 'x' } },
    }),
    event('2026-11-19T14:00:00Z', backdoor, BACKDOOR_KEY, 's3', 'ListBuckets', {
      sourceIPAddress: '192.0.2.44',
      userAgent: HOSTILE_AGENT,
      readOnly: true,
    }),
    event('2026-11-19T14:01:00Z', backdoor, BACKDOOR_KEY, 'cloudtrail', 'DeleteTrail', {
      sourceIPAddress: '192.0.2.44',
      requestParameters: { name: 'main' },
      readOnly: false,
    }),
    event('2026-11-19T14:02:00Z', backdoor, BACKDOOR_KEY, 'sts', 'GetSessionToken', {
      sourceIPAddress: '192.0.2.44',
      responseElements: { credentials: { accessKeyId: TOKEN_KEY } },
    }),
    event('2026-11-19T14:03:00Z', { ...backdoor, type: 'IAMUser' }, TOKEN_KEY, 's3', 'GetObject', {
      sourceIPAddress: '192.0.2.44',
      requestParameters: { bucketName: 'customer-exports', key: 'a.csv' },
      errorCode: 'AccessDenied',
      errorMessage: 'Access Denied',
      readOnly: true,
    }),
    event('2026-11-19T14:10:00Z', backdoor, undefined, 'signin', 'ConsoleLogin', {
      sourceIPAddress: '192.0.2.44',
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'No' },
    }),
    event(
      '2026-11-19T14:20:00Z',
      { type: 'AssumedRole', arn: 'x', accountId: ACCOUNT },
      BOB_SESSION_KEY,
      'ec2',
      'DescribeInstances',
      {
        sourceIPAddress: '198.51.100.20',
        readOnly: true,
      },
    ),
  ];
}
