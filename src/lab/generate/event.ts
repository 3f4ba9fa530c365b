/**
 * One CloudTrail record, assembled in the order the service writes its fields, so a generated
 * file reads like a delivered one (`{"eventVersion":...,"userIdentity":...,"eventTime":...}`).
 */
import type { Identity } from './identities.js';
import { trailTime } from './identities.js';
import type { Prng } from './prng.js';

export type TrailEvent = Record<string, unknown>;

export interface Tls {
  version: 'TLSv1.2' | 'TLSv1.3';
  cipher: string;
  host: string;
}

export interface EventSpec {
  identity: Identity;
  /** Milliseconds since the epoch; written at whole seconds. */
  timeMs: number;
  source: string;
  name: string;
  region: string;
  ip: string;
  userAgent: string;
  /** A failed call; ConsoleLogin failures carry only a message. */
  error?: { code?: string; message?: string };
  request?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  additional?: Record<string, unknown>;
  requestId: string;
  eventId: string;
  readOnly?: boolean;
  resources?: Array<Record<string, unknown>>;
  eventType?: 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';
  /** false for data events (S3 object calls, Lambda Invoke). */
  management?: boolean;
  account: string;
  sharedEventId?: string;
  vpcEndpointId?: string;
  tls?: Tls;
  consoleSession?: boolean;
  eventVersion?: string;
}

/** The order in which CloudTrail writes a record's top-level fields. */
export const CLOUDTRAIL_FIELD_ORDER = [
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'sharedEventID',
  'vpcEndpointId',
  'vpcEndpointAccountId',
  'eventCategory',
  'tlsDetails',
  'sessionCredentialFromConsole',
] as const;

/** The first top-level field of a record that is unknown or out of CloudTrail's order, if any. */
export function outOfOrderField(record: Record<string, unknown>): string | undefined {
  let last = -1;
  for (const key of Object.keys(record)) {
    const at = (CLOUDTRAIL_FIELD_ORDER as readonly string[]).indexOf(key);
    if (at <= last) return key;
    last = at;
  }
  return undefined;
}

export function trailEvent(s: EventSpec): TrailEvent {
  const e: TrailEvent = {
    eventVersion: s.eventVersion ?? '1.10',
    userIdentity: s.identity,
    eventTime: trailTime(s.timeMs),
    eventSource: s.source,
    eventName: s.name,
    awsRegion: s.region,
    sourceIPAddress: s.ip,
    userAgent: s.userAgent,
  };
  if (s.error) {
    if (s.error.code !== undefined) e.errorCode = s.error.code;
    if (s.error.message !== undefined) e.errorMessage = s.error.message;
  }
  e.requestParameters = s.request ?? null;
  e.responseElements = s.response ?? null;
  if (s.additional) e.additionalEventData = s.additional;
  e.requestID = s.requestId;
  e.eventID = s.eventId;
  if (s.readOnly !== undefined) e.readOnly = s.readOnly;
  if (s.resources) e.resources = s.resources;
  e.eventType = s.eventType ?? 'AwsApiCall';
  e.managementEvent = s.management ?? true;
  e.recipientAccountId = s.account;
  if (s.sharedEventId) e.sharedEventID = s.sharedEventId;
  if (s.vpcEndpointId) {
    e.vpcEndpointId = s.vpcEndpointId;
    e.vpcEndpointAccountId = s.account;
  }
  e.eventCategory = s.management === false ? 'Data' : 'Management';
  if (s.tls) {
    e.tlsDetails = {
      tlsVersion: s.tls.version,
      cipherSuite: s.tls.cipher,
      clientProvidedHostHeader: s.tls.host,
    };
  }
  if (s.consoleSession) e.sessionCredentialFromConsole = 'true';
  return e;
}

/** TLS details as AWS records them for a client reaching `host`. */
export function tlsFor(prng: Prng, host: string): Tls {
  return prng.chance(0.8)
    ? { version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', host }
    : { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', host };
}

/** The regional API host a client names in its TLS handshake. */
export function apiHost(source: string, region: string): string {
  const service = source.replace('.amazonaws.com', '');
  if (service === 'iam' || service === 'organizations') return `${service}.amazonaws.com`;
  if (service === 'sts' && region === 'us-east-1') return 'sts.amazonaws.com';
  if (service === 'monitoring') return `monitoring.${region}.amazonaws.com`;
  return `${service}.${region}.amazonaws.com`;
}

/** An S3-style request id: 16 upper-case hex characters. */
export function s3RequestId(prng: Prng): string {
  return prng.hex(8).toUpperCase();
}

/** The `x-amz-id-2` S3 puts in additionalEventData (base64-looking). */
export function amzId2(prng: Prng): string {
  return prng.chars(76, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
}
