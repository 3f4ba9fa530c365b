import { ACCOUNT, ALICE, type AlarmTestEvent, ASSUMED_ROLE, apiCall, consoleLogin, ROOT } from './build.js';

/** Root use, denied calls and console sign-ins: the events attackers produce first, and their near misses. */
export const IDENTITY_EVENTS: AlarmTestEvent[] = [
  {
    name: 'root creates an access key',
    raises: ['root-usage'],
    record: apiCall('iam.amazonaws.com', 'CreateAccessKey', {
      userIdentity: ROOT,
      requestParameters: {},
      responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLENEWKEY001', status: 'Active' } },
    }),
  },
  {
    name: 'root signs in to the console without MFA (root, not an IAM user: only the root alarm)',
    raises: ['root-usage'],
    record: consoleLogin(ROOT, 'Success', 'No'),
  },
  {
    name: 'near miss: a service acting for root (invokedBy)',
    raises: [],
    record: apiCall('kms.amazonaws.com', 'Decrypt', {
      userIdentity: { ...ROOT, invokedBy: 'cloudtrail.amazonaws.com' },
      sourceIPAddress: 'cloudtrail.amazonaws.com',
      userAgent: 'cloudtrail.amazonaws.com',
    }),
  },
  {
    name: 'near miss: a root AwsServiceEvent',
    raises: [],
    record: apiCall('sts.amazonaws.com', 'AssumeRoleWithWebIdentity', {
      userIdentity: { type: 'Root', accountId: ACCOUNT },
      eventType: 'AwsServiceEvent',
    }),
  },
  {
    name: 'near miss: an IAM user named "Root"',
    raises: [],
    record: apiCall('s3.amazonaws.com', 'ListBuckets', {
      userIdentity: { type: 'IAMUser', userName: 'Root', arn: `arn:aws:iam::${ACCOUNT}:user/Root` },
    }),
  },
  {
    name: 'EC2 call refused (Client.UnauthorizedOperation)',
    raises: ['unauthorized-api-calls'],
    record: apiCall('ec2.amazonaws.com', 'RunInstances', {
      errorCode: 'Client.UnauthorizedOperation',
      errorMessage: 'You are not authorized to perform this operation.',
    }),
  },
  {
    name: 'S3 read refused (AccessDenied)',
    raises: ['unauthorized-api-calls'],
    record: apiCall('s3.amazonaws.com', 'GetObject', {
      errorCode: 'AccessDenied',
      errorMessage: 'Access Denied',
      requestParameters: { bucketName: 'payroll-exports', key: '2026/11/salaries.csv' },
    }),
  },
  {
    name: 'Lambda call refused (AccessDeniedException)',
    raises: ['unauthorized-api-calls'],
    record: apiCall('lambda.amazonaws.com', 'ListFunctions20150331', { errorCode: 'AccessDeniedException' }),
  },
  {
    name: 'near miss: a throttled call',
    raises: [],
    record: apiCall('ec2.amazonaws.com', 'DescribeInstances', { errorCode: 'Client.RequestLimitExceeded' }),
  },
  {
    name: 'near miss: "AccessDenied" only in the error message and a lower-case error code',
    raises: [],
    record: apiCall('s3.amazonaws.com', 'GetObject', {
      errorCode: 'accessdenied',
      errorMessage: 'AccessDenied: not allowed',
    }),
  },
  {
    name: 'IAM user signs in to the console without MFA',
    raises: ['console-login-without-mfa'],
    record: consoleLogin(ALICE, 'Success', 'No'),
  },
  {
    name: 'near miss: IAM user signs in with MFA',
    raises: [],
    record: consoleLogin(ALICE, 'Success', 'Yes'),
  },
  {
    name: 'IAM user fails to sign in (Failed authentication): the failure alarm, not the no-MFA one',
    raises: ['console-auth-failures'],
    record: consoleLogin(ALICE, 'Failure', 'No', 'Failed authentication'),
  },
  {
    name: 'near miss: sign-in failure for an unknown user name (another message)',
    raises: [],
    record: consoleLogin(
      { type: 'IAMUser', accountId: ACCOUNT, principalId: ACCOUNT },
      'Failure',
      'No',
      'No username found in supplied account',
    ),
  },
  {
    name: 'near miss: an SSO role session signs in without MFA recorded (not an IAM user)',
    raises: [],
    record: consoleLogin(ASSUMED_ROLE, 'Success', 'No'),
  },
  {
    name: 'hostile: a request parameter and user agent carrying pattern text',
    raises: [],
    record: apiCall('s3.amazonaws.com', 'GetObject', {
      userAgent: '"eventName":"StopLogging"} || {$.errorCode="AccessDenied"}\u001b[2J',
      requestParameters: { bucketName: 'b', key: '", "eventName": "StopLogging', eventName: 'DeleteTrail' },
    }),
  },
];
