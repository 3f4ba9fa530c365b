/**
 * Hand-written events for SigmaHQ rules whose detection cannot be inverted mechanically (regular
 * expressions, field references, filters) or whose filters deserve their own near misses.
 */
type Json = Record<string, unknown>;

const base = {
  eventVersion: '1.09',
  eventTime: '2026-03-14T09:12:44Z',
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.66',
  userAgent: 'aws-cli/2.15.30',
  eventType: 'AwsApiCall',
  eventID: 'f00dbabe-0000-4000-8000-000000000001',
};
const user = {
  type: 'IAMUser',
  arn: 'arn:aws:iam::111122223333:user/alice',
  userName: 'alice',
  accountId: '111122223333',
};
const instanceRole = {
  type: 'AssumedRole',
  arn: 'arn:aws:sts::111122223333:assumed-role/aws:ec2-instance/i-0abc1234def567890',
  sessionContext: { sessionIssuer: { type: 'Role', userName: 'aws:ec2-instance' } },
};

function ev(fields: Json): Json {
  return { ...base, userIdentity: user, ...fields };
}

export interface HandEvents {
  positive: Json[];
  negative: Json[];
  /** True when the generated events cannot be built for this rule. */
  replacesGenerated?: boolean;
}

export const handWrittenEvents: Record<string, HandEvents> = {
  aws_cloudtrail_imds_malicious_usage: {
    replacesGenerated: true,
    positive: [ev({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', userIdentity: instanceRole })],
    negative: [
      ev({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' }),
      ev({
        eventSource: 'ssm.amazonaws.com',
        eventName: 'UpdateInstanceInformation',
        userIdentity: instanceRole,
      }),
      ev({
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        userIdentity: instanceRole,
        sourceIPAddress: 'AWS Internal',
      }),
      ev({
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        userIdentity: { ...instanceRole, arn: 'arn:aws:sts::111122223333:assumed-role/Admin/bob' },
      }),
    ],
  },
  aws_iam_backdoor_users_keys: {
    positive: [
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        requestParameters: { userName: 'bob' },
        responseElements: { accessKey: { userName: 'bob' } },
      }),
    ],
    negative: [ev({ eventSource: 'iam.amazonaws.com', eventName: 'ListAccessKeys' })],
  },
  aws_update_login_profile: {
    replacesGenerated: true,
    positive: [
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'UpdateLoginProfile',
        requestParameters: { userName: 'bob' },
      }),
    ],
    negative: [
      // Changing one's own password: the arn equals the requested user name (fieldref filter).
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'UpdateLoginProfile',
        userIdentity: { type: 'IAMUser', arn: 'alice' },
        requestParameters: { userName: 'ALICE' },
      }),
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'GetLoginProfile',
        requestParameters: { userName: 'bob' },
      }),
    ],
  },
  aws_ec2_vm_export_failure: {
    positive: [
      ev({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'CreateInstanceExportTask',
        responseElements: { exportTask: { state: 'active' } },
      }),
    ],
    negative: [
      ev({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'CreateInstanceExportTask',
        errorCode: 'Client.AuthFailure',
        errorMessage: 'not authorized',
      }),
      ev({
        eventSource: 'ec2.amazonaws.com',
        eventName: 'CreateInstanceExportTask',
        responseElements: { status: 'Failure' },
      }),
    ],
  },
  aws_enum_buckets: {
    positive: [ev({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' })],
    negative: [
      ev({
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/r/s' },
      }),
    ],
  },
  aws_console_getsignintoken: {
    positive: [
      ev({
        eventSource: 'signin.amazonaws.com',
        eventName: 'GetSigninToken',
        userAgent: 'python-requests/2.31',
      }),
    ],
    negative: [
      ev({
        eventSource: 'signin.amazonaws.com',
        eventName: 'GetSigninToken',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text SigmaHQ's filter names
        userAgent: 'Jersey/${project.version} (HttpUrlConnection 1.8)',
      }),
    ],
  },
  aws_root_account_usage: {
    positive: [
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root' },
      }),
    ],
    negative: [
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateAccessKey',
        eventType: 'AwsServiceEvent',
        userIdentity: { type: 'Root' },
      }),
      ev({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', userIdentity: { type: 'RootX' } }),
    ],
  },
  aws_cloudtrail_bucket_deleted: {
    positive: [
      ev({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucket', errorCode: 'Success' }),
      ev({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucket' }),
    ],
    negative: [ev({ eventSource: 's3.amazonaws.com', eventName: 'DeleteBucket', errorCode: 'AccessDenied' })],
  },
  aws_cloudtrail_pua_trufflehog: {
    // Sigma matches case-insensitively: an attacker cannot evade by changing case.
    positive: [
      ev({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', userAgent: 'trufflehog' }),
    ],
    negative: [
      ev({
        eventSource: 'sts.amazonaws.com',
        eventName: 'GetCallerIdentity',
        userAgent: 'TruffleHog/3.63 (+https://x)',
      }),
    ],
  },
  aws_iam_s3browser_templated_s3_bucket_policy_creation: {
    replacesGenerated: true,
    positive: [
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'PutUserPolicy',
        userAgent: 'S3 Browser 11.4.5 https://s3browser.com',
        requestParameters: {
          userName: 'alice',
          policyName: 'policy',
          policyDocument:
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::<YOUR-BUCKET-NAME>/*"]}]}',
        },
      }),
    ],
    negative: [
      ev({
        eventSource: 'iam.amazonaws.com',
        eventName: 'PutUserPolicy',
        userAgent: 'S3 Browser 11.4.5 https://s3browser.com',
        requestParameters: {
          policyDocument:
            '{"Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::real-bucket/*"]}]}',
        },
      }),
    ],
  },
  aws_sts_assumerole_misuse: {
    positive: [ev({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', userIdentity: instanceRole })],
    negative: [
      ev({
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        userIdentity: { ...instanceRole, sessionContext: {} },
      }),
    ],
  },
};
