/**
 * The CloudTrail record schema of record.ts written out by hand, for the scan's hot path: it
 * checks a parsed record and copies it exactly as the zod schema does (fields of the schema
 * first, in its order, then the other fields; `__proto__` keys dropped; records and lists
 * copied), about ten times faster. It answers only for plain JSON values it is sure about: on
 * anything else (a bad field, an odd object) it says undefined and the zod schema decides, so
 * rejections and their reasons stay the schema's own. record-shape.test.ts holds the two together.
 */

/** How a field is checked: a string, a boolean, an ISO time, a non-empty string, a JSON object (or null), an object, a list of objects. */
export type FieldKind = 'string' | 'boolean' | 'time' | 'name' | 'record' | Shape | { list: Shape };

export interface Shape {
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** The keys in schema order, and as a set. */
  readonly keys: readonly string[];
  readonly keySet: ReadonlySet<string>;
}

export function shape(fields: Record<string, FieldKind>): Shape {
  return { fields, keys: Object.keys(fields), keySet: new Set(Object.keys(fields)) };
}

const SESSION_ISSUER = shape({
  type: 'string',
  principalId: 'string',
  arn: 'string',
  accountId: 'string',
  userName: 'string',
});

const USER_IDENTITY = shape({
  type: 'string',
  principalId: 'string',
  arn: 'string',
  accountId: 'string',
  accessKeyId: 'string',
  userName: 'string',
  invokedBy: 'string',
  sessionContext: shape({
    attributes: shape({ creationDate: 'string', mfaAuthenticated: 'string' }),
    sessionIssuer: SESSION_ISSUER,
    sourceIdentity: 'string',
  }),
});

const RESOURCE = shape({ ARN: 'string', accountId: 'string', type: 'string' });

/** The same fields, kinds and order as cloudTrailRecordSchema. */
export const RECORD_SHAPE = shape({
  eventVersion: 'string',
  eventTime: 'time',
  eventSource: 'name',
  eventName: 'name',
  awsRegion: 'string',
  sourceIPAddress: 'string',
  userAgent: 'string',
  userIdentity: USER_IDENTITY,
  errorCode: 'string',
  errorMessage: 'string',
  requestParameters: 'record',
  responseElements: 'record',
  additionalEventData: 'record',
  requestID: 'string',
  eventID: 'string',
  readOnly: 'boolean',
  resources: { list: RESOURCE },
  eventType: 'string',
  managementEvent: 'boolean',
  recipientAccountId: 'string',
  sharedEventID: 'string',
  vpcEndpointId: 'string',
  eventCategory: 'string',
  sessionCredentialFromConsole: 'string',
});

/** What copyValue returns for a value it does not vouch for. */
const UNSURE: unique symbol = Symbol('unsure');

/** An object as JSON.parse makes them: Object.prototype, no constructor of its own but data. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  return typeof ctor !== 'function' || ctor === Object;
}

/** The record copied as the schema copies it, or undefined when the schema must decide. */
export function copyRecord(value: unknown): Record<string, unknown> | undefined {
  return copyObject(value, RECORD_SHAPE);
}

function copyObject(value: unknown, of: Shape): Record<string, unknown> | undefined {
  if (!isJsonObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of of.keys) {
    const kind = of.fields[key] as FieldKind;
    const required = kind === 'time' || kind === 'name';
    if (!(key in value)) {
      if (required) return undefined;
      continue;
    }
    const field = value[key];
    if (field === undefined) {
      if (required) return undefined;
      out[key] = undefined;
      continue;
    }
    const copied = copyValue(field, kind);
    if (copied === UNSURE) return undefined;
    out[key] = copied;
  }
  for (const key in value) {
    if (key === '__proto__' || of.keySet.has(key)) continue;
    out[key] = value[key];
  }
  return out;
}

function copyValue(value: unknown, kind: FieldKind): unknown {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : UNSURE;
    case 'boolean':
      return typeof value === 'boolean' ? value : UNSURE;
    case 'name':
      return typeof value === 'string' && value.length > 0 ? value : UNSURE;
    case 'time':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : UNSURE;
    case 'record':
      return value === null ? null : copyJsonObject(value);
    default:
      if ('list' in kind) return copyList(value, kind.list);
      return copyObject(value, kind as Shape) ?? UNSURE;
  }
}

/** A `z.record(z.string(), z.unknown())` copy: own keys, `__proto__` dropped. */
function copyJsonObject(value: unknown): unknown {
  if (!isJsonObject(value) || Object.getOwnPropertySymbols(value).length > 0) return UNSURE;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (key !== '__proto__') out[key] = value[key];
  return out;
}

function copyList(value: unknown, of: Shape): unknown {
  if (!Array.isArray(value)) return UNSURE;
  const out: unknown[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = copyObject(value[i], of);
    if (item === undefined) return UNSURE;
    out[i] = item;
  }
  return out;
}
