import { type CloudTrailRecord, principalOf } from '../trail/record.js';

/** The calls that hand out new credentials, and where CloudTrail writes the new access key id. */
export const ISSUING_EVENTS: ReadonlySet<string> = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetSessionToken',
  'GetFederationToken',
  'CreateAccessKey',
]);

/** New credentials seen in one record: who asked, what they got, and when. */
export interface IssuedCredentials {
  /** The access key id handed out (ASIA… for sessions, AKIA… for CreateAccessKey). */
  accessKeyId: string;
  eventName: string;
  time: string;
  eventId?: string | undefined;
  /** The key that made the call (absent for SAML/web identity and AWS services). */
  issuerKey?: string | undefined;
  issuerPrincipal: string;
  sourceIp?: string | undefined;
  /** What the new credentials act as: the assumed-role session ARN, the federated user, the IAM user. */
  subject: string;
}

function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The subject of a session or key the response names, from the response or, failing that, the request. */
function subjectOf(record: CloudTrailRecord, response: Record<string, unknown>): string {
  const request = obj(record.requestParameters) ?? {};
  const role = obj(response.assumedRoleUser);
  const federated = obj(response.federatedUser);
  const key = obj(response.accessKey);
  return (
    str(role?.arn) ??
    str(federated?.arn) ??
    (key ? str(key.userName) : undefined) ??
    str(request.roleArn) ??
    str(request.userName) ??
    str(request.name) ??
    principalOf(record)
  );
}

/**
 * The credentials a successful issuing call handed out, read from responseElements
 * (credentials.accessKeyId for STS, accessKey.accessKeyId for CreateAccessKey); undefined for
 * any other record, a failed call or a response without a key id.
 */
export function issuedCredentials(record: CloudTrailRecord): IssuedCredentials | undefined {
  if (!ISSUING_EVENTS.has(record.eventName) || record.errorCode) return undefined;
  const response = obj(record.responseElements);
  if (!response) return undefined;
  const accessKeyId =
    str(obj(response.credentials)?.accessKeyId) ?? str(obj(response.accessKey)?.accessKeyId);
  if (!accessKeyId) return undefined;
  return {
    accessKeyId,
    eventName: record.eventName,
    time: record.eventTime,
    eventId: record.eventID,
    issuerKey: str(record.userIdentity?.accessKeyId),
    issuerPrincipal: principalOf(record),
    sourceIp: record.sourceIPAddress,
    subject: subjectOf(record, response),
  };
}

/** The IAM user a successful CreateUser made (its name), for following users an attacker creates. */
export function createdUser(record: CloudTrailRecord): string | undefined {
  if (record.eventName !== 'CreateUser' || record.errorCode) return undefined;
  const response = obj(obj(record.responseElements)?.user);
  return str(response?.userName) ?? str(obj(record.requestParameters)?.userName);
}
