import type { CloudTrailRecord } from '../../../trail/record.js';
import type { CisFilterId } from '../patterns.js';

/** A CloudTrail record with the alarms it must raise (exactly these; none when empty). */
export interface AlarmTestEvent {
  name: string;
  raises: readonly CisFilterId[];
  record: CloudTrailRecord;
}

export const ACCOUNT = '111122223333';

export const ALICE = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEALICE00001',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  accessKeyId: 'AKIAEXAMPLEALICE0001',
  userName: 'alice',
};

export const ROOT = {
  type: 'Root',
  principalId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAEXAMPLEROOT00001',
};

export const ASSUMED_ROLE = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEROLE00001:bob@example.com',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/bob@example.com`,
  accountId: ACCOUNT,
  accessKeyId: 'ASIAEXAMPLEBOB000001',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLEROLE00001',
      arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`,
      accountId: ACCOUNT,
      userName: 'AWSReservedSSO_Admin_0123456789abcdef',
    },
    attributes: { creationDate: '2026-11-20T09:58:00Z', mfaAuthenticated: 'false' },
  },
};

let counter = 0;

/** An API call by the IAM user alice from the CLI, as CloudTrail writes it; `extra` overrides any field. */
export function apiCall(
  eventSource: string,
  eventName: string,
  extra: Partial<CloudTrailRecord> = {},
): CloudTrailRecord {
  counter++;
  const id = counter.toString(16).padStart(12, '0');
  return {
    eventVersion: '1.09',
    userIdentity: ALICE,
    eventTime: `2026-11-20T10:${String(counter % 60).padStart(2, '0')}:00Z`,
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5 md/arch#x86_64 lang/python#3.11.8',
    requestParameters: null,
    responseElements: null,
    requestID: `0f1e2d3c-4b5a-6978-8a9b-${id}`,
    eventID: `a1b2c3d4-e5f6-4a5b-8c9d-${id}`,
    readOnly: /^(Get|Describe|List|Lookup)/.test(eventName),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...extra,
  };
}

/** A Management Console sign-in (us-east-1 signin events) for the given identity and outcome. */
export function consoleLogin(
  identity: Record<string, unknown>,
  outcome: 'Success' | 'Failure',
  mfaUsed: 'Yes' | 'No',
  errorMessage?: string,
): CloudTrailRecord {
  return apiCall('signin.amazonaws.com', 'ConsoleLogin', {
    userIdentity: identity,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
    responseElements: { ConsoleLogin: outcome },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home',
      MobileVersion: 'No',
      MFAUsed: mfaUsed,
    },
    eventType: 'AwsConsoleSignIn',
    readOnly: false,
    ...(errorMessage ? { errorMessage } : {}),
  });
}
