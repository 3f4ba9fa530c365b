/**
 * The CloudTrail record schema of record.ts written out by hand, for the scan's hot path: it
 * checks a parsed record and copies it exactly as the zod schema does (fields of the schema
 * first, in its order, then the other fields; `__proto__` keys dropped; records and lists
 * copied), about twice as fast. It answers only for plain JSON values it is sure about: on
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

/** The same fields, kinds and order as the zod schema (record-schema.ts). */
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

/** An object as JSON.parse makes them: Object.prototype, no constructor of its own but data. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  return typeof ctor !== 'function' || ctor === Object;
}

type Copier = (value: unknown) => Record<string, unknown> | undefined;

/** A `z.record(z.string(), z.unknown())` copy: own keys, `__proto__` dropped; undefined when unsure. */
function copyJsonObject(value: unknown): Record<string, unknown> | undefined {
  if (!isJsonObject(value) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (key !== '__proto__') out[key] = value[key];
  return out;
}

function copyList(value: unknown, item: Copier): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: unknown[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const copied = item(value[i]);
    if (copied === undefined) return undefined;
    out[i] = copied;
  }
  return out;
}

function isTime(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

/**
 * Compiles the copier of one shape. The code is generated (as zod itself does) so that every field
 * is read and written under its own name: a loop over the names would make each read and write a
 * lookup by key, several times slower. The names come from the shapes above, never from input.
 */
function compile(of: Shape): Copier {
  const helpers: unknown[] = [];
  const helper = (fn: unknown) => `h[${helpers.push(fn) - 1}]`;
  const lines = ['if (!isJsonObject(value)) return undefined;', 'const out = {};', 'let f;'];
  for (const key of of.keys) {
    const kind = of.fields[key] as FieldKind;
    const name = JSON.stringify(key);
    const required = kind === 'time' || kind === 'name';
    let check: string;
    if (kind === 'string') check = `if (typeof f !== 'string') return undefined;`;
    else if (kind === 'boolean') check = `if (typeof f !== 'boolean') return undefined;`;
    else if (kind === 'name') check = `if (typeof f !== 'string' || f.length === 0) return undefined;`;
    else if (kind === 'time') check = `if (typeof f !== 'string' || !isTime(f)) return undefined;`;
    else if (kind === 'record')
      check = `if (f !== null) { f = copyJsonObject(f); if (f === undefined) return undefined; }`;
    else if ('list' in kind)
      check = `f = copyList(f, ${helper(compile(kind.list))}); if (f === undefined) return undefined;`;
    else check = `f = ${helper(compile(kind))}(f); if (f === undefined) return undefined;`;
    const absent = required ? ' else return undefined;' : '';
    const unset = required ? 'return undefined;' : `out[${name}] = undefined;`;
    lines.push(`if (${name} in value) { f = value[${name}];`);
    lines.push(`  if (f === undefined) { ${unset} } else { ${check} out[${name}] = f; } }${absent}`);
  }
  lines.push("for (const key in value) if (key !== '__proto__' && !known.has(key)) out[key] = value[key];");
  lines.push('return out;');
  const make = new Function(
    'h',
    'known',
    'isJsonObject',
    'isTime',
    'copyJsonObject',
    'copyList',
    `return function copy(value) {\n${lines.join('\n')}\n};`,
  );
  return make(helpers, of.keySet, isJsonObject, isTime, copyJsonObject, copyList) as Copier;
}

const copyRecordShape = compile(RECORD_SHAPE);

/** The record copied as the schema copies it, or undefined when the schema must decide. */
export function copyRecord(value: unknown): Record<string, unknown> | undefined {
  return copyRecordShape(value);
}

type Checker = (value: unknown) => boolean;

/** An object the schema would copy key for key: a JSON object with no `__proto__` key to drop. */
function isPlainRecord(value: unknown): boolean {
  return (
    isJsonObject(value) &&
    !Object.hasOwn(value, '__proto__') &&
    Object.getOwnPropertySymbols(value).length === 0
  );
}

function isListOf(value: unknown, item: Checker): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
  return true;
}

/**
 * Compiles the in-place check of one shape: true when the schema would accept the value and its
 * copy would hold the same fields with the same values (only their order would differ). Generated
 * for the same reason as the copier.
 */
function compileCheck(of: Shape): Checker {
  const helpers: unknown[] = [];
  const helper = (fn: unknown) => `h[${helpers.push(fn) - 1}]`;
  const lines = ['if (!isPlainRecord(value)) return false;', 'let f;'];
  for (const key of of.keys) {
    const kind = of.fields[key] as FieldKind;
    const name = JSON.stringify(key);
    let bad: string;
    if (kind === 'string') bad = `typeof f !== 'string'`;
    else if (kind === 'boolean') bad = `typeof f !== 'boolean'`;
    else if (kind === 'name') bad = `typeof f !== 'string' || f.length === 0`;
    else if (kind === 'time') bad = `typeof f !== 'string' || !isTime(f)`;
    else if (kind === 'record') bad = `f !== null && !isPlainRecord(f)`;
    else if ('list' in kind) bad = `!isListOf(f, ${helper(compileCheck(kind.list))})`;
    else bad = `!${helper(compileCheck(kind))}(f)`;
    const required = kind === 'time' || kind === 'name';
    lines.push(`f = value[${name}];`);
    lines.push(
      required
        ? `if (f === undefined || ${bad}) return false;`
        : `if (f !== undefined && (${bad})) return false;`,
    );
  }
  lines.push('return true;');
  const make = new Function(
    'h',
    'isPlainRecord',
    'isTime',
    'isListOf',
    `return function check(value) {\n${lines.join('\n')}\n};`,
  );
  return make(helpers, isPlainRecord, isTime, isListOf) as Checker;
}

const checkRecordShape = compileCheck(RECORD_SHAPE);

/**
 * True when the parsed value is a record the schema accepts as it is: its copy would only order
 * the fields differently. For readers that never write the record out (the hunt's rules).
 */
export function isRecordAsParsed(value: unknown): boolean {
  return checkRecordShape(value);
}
