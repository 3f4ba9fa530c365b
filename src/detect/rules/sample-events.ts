import { createHash } from 'node:crypto';
import type { CloudTrailRecord } from '../../trail/record.js';

/**
 * Builders for the test events that sit beside each detection: records shaped as CloudTrail writes
 * them (identity, session context, request and response), so a rule is tested on what it will see.
 * Account 111122223333 is the victim; 444455556666 is the attacker's; IPs are documentation ranges.
 */
export const ACCOUNT = '111122223333';
export const ATTACKER_ACCOUNT = '444455556666';
export const ATTACKER_IP = '203.0.113.66';
export const OFFICE_IP = '198.51.100.20';
export const CLI_AGENT = 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/';
export const CONSOLE_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36';

export type Actor = 'user' | 'admin-role' | 'root' | 'instance' | 'service';

export function identity(actor: Actor, name = 'alice'): NonNullable<CloudTrailRecord['userIdentity']> {
  switch (actor) {
    case 'user':
      return {
        type: 'IAMUser',
        principalId: 'AIDAQAVN3EXAMPLE7XYZ',
        arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
        accountId: ACCOUNT,
        accessKeyId: 'AKIAQAVN3EXAMPLEKEY1',
        userName: name,
      };
    case 'admin-role':
      return {
        type: 'AssumedRole',
        principalId: `AROAQAVN3EXAMPLEROLE:${name}`,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/OrganizationAdmin/${name}`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAQAVN3EXAMPLESES1',
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: 'AROAQAVN3EXAMPLEROLE',
            arn: `arn:aws:iam::${ACCOUNT}:role/OrganizationAdmin`,
            accountId: ACCOUNT,
            userName: 'OrganizationAdmin',
          },
          attributes: { creationDate: '2026-03-14T08:55:02Z', mfaAuthenticated: 'false' },
        },
      };
    case 'root':
      return {
        type: 'Root',
        principalId: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAQAVN3EXAMPLEROOT',
        sessionContext: { attributes: { creationDate: '2026-03-14T08:50:00Z', mfaAuthenticated: 'true' } },
      };
    case 'instance':
      return {
        type: 'AssumedRole',
        principalId: 'AROAQAVN3EXAMPLEWEB1:i-0a1b2c3d4e5f67890',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web-app-role/i-0a1b2c3d4e5f67890`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAQAVN3EXAMPLEINST',
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: 'AROAQAVN3EXAMPLEWEB1',
            arn: `arn:aws:iam::${ACCOUNT}:role/web-app-role`,
            accountId: ACCOUNT,
            userName: 'web-app-role',
          },
          attributes: { creationDate: '2026-03-14T06:12:40Z', mfaAuthenticated: 'false' },
          ec2RoleDelivery: '2.0',
        },
      };
    case 'service':
      return { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' };
  }
}

export interface CallSpec {
  eventSource: string;
  eventName: string;
  actor?: Actor;
  actorName?: string;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  awsRegion?: string;
  eventTime?: string;
  readOnly?: boolean;
  resources?: CloudTrailRecord['resources'];
  /** Extra top-level fields (eventType, eventCategory, ...) that replace the defaults. */
  extra?: Record<string, unknown>;
}

/** A deterministic event id, so test output and findings are stable between runs. */
function eventIdFor(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One management API call as CloudTrail records it. */
export function apiCall(spec: CallSpec): CloudTrailRecord {
  const actor = spec.actor ?? 'user';
  const seed = JSON.stringify(spec);
  const record: CloudTrailRecord = {
    eventVersion: '1.09',
    userIdentity: identity(actor, spec.actorName),
    eventTime: spec.eventTime ?? '2026-03-14T09:21:07Z',
    eventSource: spec.eventSource,
    eventName: spec.eventName,
    awsRegion: spec.awsRegion ?? 'us-east-1',
    sourceIPAddress:
      spec.sourceIPAddress ?? (actor === 'service' ? 'cloudformation.amazonaws.com' : ATTACKER_IP),
    userAgent: spec.userAgent ?? (actor === 'service' ? 'cloudformation.amazonaws.com' : CLI_AGENT),
    requestParameters: spec.requestParameters === undefined ? null : spec.requestParameters,
    responseElements: spec.responseElements === undefined ? null : spec.responseElements,
    requestID: eventIdFor(`req${seed}`),
    eventID: eventIdFor(seed),
    readOnly: spec.readOnly ?? /^(Get|List|Describe|Lookup)/.test(spec.eventName),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${spec.eventSource.replace('.amazonaws.com', '')}.us-east-1.amazonaws.com`,
    },
  };
  if (spec.errorCode) record.errorCode = spec.errorCode;
  if (spec.errorMessage) record.errorMessage = spec.errorMessage;
  if (spec.additionalEventData) record.additionalEventData = spec.additionalEventData;
  if (spec.resources) record.resources = spec.resources;
  return { ...record, ...spec.extra } as CloudTrailRecord;
}

/** A console sign-in as signin.amazonaws.com records it (success or failure, with or without MFA). */
export function consoleLogin(options: {
  actor?: 'user' | 'root' | 'admin-role';
  name?: string;
  success?: boolean;
  mfa?: boolean;
  sourceIPAddress?: string;
  eventTime?: string;
}): CloudTrailRecord {
  const success = options.success ?? true;
  const actor = options.actor ?? 'user';
  const who = identity(actor, options.name);
  delete who.accessKeyId;
  return apiCall({
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    actor,
    actorName: options.name,
    userAgent: CONSOLE_AGENT,
    sourceIPAddress: options.sourceIPAddress ?? ATTACKER_IP,
    eventTime: options.eventTime,
    responseElements: { ConsoleLogin: success ? 'Success' : 'Failure' },
    additionalEventData: {
      LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
      MobileVersion: 'No',
      MFAUsed: options.mfa ? 'Yes' : 'No',
    },
    ...(success ? {} : { errorMessage: 'Failed authentication' }),
    readOnly: false,
    extra: { eventType: 'AwsConsoleSignIn', userIdentity: who, requestParameters: null },
  });
}
