import { resourcesOf } from '../detect/engine/resources.js';
import { type CloudTrailRecord, fieldValue } from '../trail/record.js';
import type { RecordPeek } from '../trail/scan/types.js';

/**
 * What an investigation looks at: records made by any of these principals, access keys or
 * sessions, from any of these IPs, or touching any of these resources (any one suffices).
 */
export interface Selection {
  principals?: string[] | undefined;
  accessKeys?: string[] | undefined;
  /** A session: its access key id (ASIA…), its session name, or its role-id:session principal id. */
  sessions?: string[] | undefined;
  ips?: string[] | undefined;
  /** An ARN or a resource id (i-0abc…, a bucket name, a user name). */
  resources?: string[] | undefined;
  /** IAM users by name (users an attacker created, followed by the pivot). */
  users?: string[] | undefined;
}

export const PRINCIPAL_PATHS = [
  'userIdentity.arn',
  'userIdentity.userName',
  'userIdentity.principalId',
  'userIdentity.sessionContext.sessionIssuer.arn',
  'userIdentity.sessionContext.sessionIssuer.userName',
];

function list(values: string[] | undefined): string[] {
  return (values ?? []).filter((v) => v.length > 0);
}

export function isEmptySelection(s: Selection): boolean {
  return [s.principals, s.accessKeys, s.sessions, s.ips, s.resources, s.users].every(
    (v) => list(v).length === 0,
  );
}

/** Every string leaf of a value (objects and arrays walked), bounded in depth. */
function* stringLeaves(value: unknown, depth = 0): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (depth < 12 && value && typeof value === 'object')
    for (const v of Object.values(value)) yield* stringLeaves(v, depth + 1);
}

/** True when text is the resource or an ARN whose last part (after `/` or `:`) is it. */
function namesResource(text: string, wanted: string): boolean {
  if (text === wanted) return true;
  if (wanted.startsWith('arn:') || !text.startsWith('arn:')) return false;
  return text.endsWith(`/${wanted}`) || text.endsWith(`:${wanted}`);
}

export function touchesResource(record: CloudTrailRecord, wanted: string): boolean {
  for (const r of resourcesOf(record)) if (namesResource(r, wanted)) return true;
  for (const part of [record.requestParameters, record.responseElements, record.resources])
    for (const text of stringLeaves(part)) if (namesResource(text, wanted)) return true;
  return false;
}

function principalTexts(record: CloudTrailRecord): string[] {
  return PRINCIPAL_PATHS.flatMap((p) => {
    const v = fieldValue(record, p);
    return typeof v === 'string' ? [v] : [];
  });
}

function inSession(record: CloudTrailRecord, session: string): boolean {
  const who = record.userIdentity;
  if (!who) return false;
  return (
    who.accessKeyId === session ||
    who.principalId === session ||
    (who.principalId?.endsWith(`:${session}`) ?? false) ||
    (who.type === 'AssumedRole' && (who.arn?.endsWith(`/${session}`) ?? false))
  );
}

/** The full check on a parsed record: does it belong to the selection? */
export function selects(record: CloudTrailRecord, s: Selection): boolean {
  const who = record.userIdentity;
  const key = who?.accessKeyId;
  if (key && list(s.accessKeys).includes(key)) return true;
  if (record.sourceIPAddress && list(s.ips).includes(record.sourceIPAddress)) return true;
  const principals = list(s.principals);
  if (principals.length && principalTexts(record).some((t) => principals.includes(t))) return true;
  if (list(s.sessions).some((session) => inSession(record, session))) return true;
  if (who?.type === 'IAMUser' && who.userName && list(s.users).includes(who.userName)) return true;
  return list(s.resources).some((r) => touchesResource(record, r));
}

/** The cheap check on a raw record: false only when it cannot belong to the selection. */
export function mightSelect(peek: RecordPeek, s: Selection): boolean {
  const has = (key: string, values: string[]) =>
    values.length > 0 && peek.strings(key).some((v) => values.includes(v));
  if (has('accessKeyId', list(s.accessKeys)) || has('sourceIPAddress', list(s.ips))) return true;
  const principals = list(s.principals);
  if (['arn', 'userName', 'principalId'].some((k) => has(k, principals))) return true;
  if (has('userName', list(s.users))) return true;
  const texts = [...list(s.sessions), ...list(s.resources)];
  return texts.some((t) => peek.contains(t) || (t.includes('/') && peek.contains(t.replaceAll('/', '\\/'))));
}
