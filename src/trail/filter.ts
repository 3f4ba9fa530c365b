import { createRequire } from 'node:module';
import { GarrisonError } from '../errors.js';
import {
  buildFilterSchema,
  type FilterSchema,
  isParsedFilter,
  type ParsedFilter,
  type WhereClause,
} from './filter-options.js';
import { type CloudTrailRecord, fieldValue } from './record.js';
import type { RecordMatcher, RecordPeek } from './scan/types.js';

/**
 * The `events` filter: every clause must hold (AND). It is a matcher module for the scanner's
 * workers (`createMatcher`), and derives from its clauses the byte needles and peek checks that
 * let the scanner skip parsing records that cannot match.
 */

/** Reads `field=value`, `field!=value` (not equal) or `field~value` (contains, any case). */
export function parseWhere(text: string): WhereClause {
  const parsed = /^([A-Za-z0-9_.-]+)(!=|~|=)(.*)$/s.exec(text.trim());
  if (!parsed) {
    throw new GarrisonError('usage', `not a --where clause: ${JSON.stringify(text)}`, {
      hint: 'write field=value, field!=value or field~text, e.g. userIdentity.type=Root',
    });
  }
  const op = parsed[2] === '=' ? 'eq' : parsed[2] === '!=' ? 'ne' : 'contains';
  return { path: parsed[1]!, op, value: parsed[3]! };
}

export type { EventsFilterOptions, WhereClause } from './filter-options.js';

let schema: FilterSchema | undefined;

/** The options' zod schema, for options not already in parsed form (zod loaded then, from its CommonJS build). */
function filterSchema(): FilterSchema {
  schema ??= buildFilterSchema((createRequire(import.meta.url)('zod') as typeof import('zod')).z);
  return schema;
}

/** Options as given by a caller, or as eventsFilterSpec already parsed them (a scan worker loads no zod then). */
export function parseFilter(options: unknown): ParsedFilter {
  if (isParsedFilter(options)) return options;
  const parsed = filterSchema().safeParse(options);
  if (!parsed.success) throw new GarrisonError('usage', `invalid events filter: ${parsed.error.message}`);
  return parsed.data;
}

/** The texts of a field's scalar values (arrays searched element-wise). */
function texts(value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return [String(value)];
  return [];
}

/** Could this text be how a number, boolean or null prints? Then a string peek could miss it. */
function scalarLike(text: string): boolean {
  return (
    /^[-+0-9.eE]*$/.test(text) || 'true'.includes(text) || 'false'.includes(text) || 'null'.includes(text)
  );
}

/** Byte needles for an exact string value: its JSON text, as writers encode it. */
export function needlesFor(value: string): string[] | undefined {
  if (value.length === 0 || scalarLike(value)) return undefined;
  if (/^[\x20-\x7e]*$/.test(value) && !/["\\<>&]/.test(value)) {
    const quoted = JSON.stringify(value);
    return value.includes('/') ? [quoted, quoted.replaceAll('/', '\\/')] : [quoted];
  }
  const runs = value.match(/[A-Za-z0-9:._@+=,-]{4,}/g);
  if (!runs) return undefined;
  return [runs.reduce((a, b) => (b.length > a.length ? b : a))];
}

interface Clause {
  full(record: CloudTrailRecord): boolean;
  peek?(peek: RecordPeek): boolean;
  needles?: string[] | undefined;
}

function equals(paths: string[], value: string): Clause {
  return {
    full: (r) => paths.some((p) => texts(fieldValue(r, p)).includes(value)),
    peek: scalarLike(value) ? undefined : (pk) => paths.some((p) => pk.field(p).includes(value)),
    needles: needlesFor(value),
  };
}

function whereClause(c: WhereClause): Clause {
  if (c.op === 'eq') return equals([c.path], c.value);
  if (c.op === 'ne') return { full: (r) => !texts(fieldValue(r, c.path)).includes(c.value) };
  const lower = c.value.toLowerCase();
  const has = (s: string) => s.toLowerCase().includes(lower);
  return {
    full: (r) => texts(fieldValue(r, c.path)).some(has),
    peek: scalarLike(c.value) ? undefined : (pk) => pk.field(c.path).some(has),
  };
}

const PRINCIPAL_PATHS = [
  'userIdentity.arn',
  'userIdentity.userName',
  'userIdentity.principalId',
  'userIdentity.sessionContext.sessionIssuer.arn',
  'userIdentity.sessionContext.sessionIssuer.userName',
];

/** The filter's clauses, most selective first (the first with needles bounds the byte search). */
function clauses(o: ParsedFilter): Clause[] {
  const list: Clause[] = [];
  if (o.accessKey !== undefined) list.push(equals(['userIdentity.accessKeyId'], o.accessKey));
  if (o.eventName !== undefined) list.push(equals(['eventName'], o.eventName));
  if (o.ip !== undefined) list.push(equals(['sourceIPAddress'], o.ip));
  if (o.principal !== undefined) list.push(equals(PRINCIPAL_PATHS, o.principal));
  for (const c of o.where) list.push(whereClause(c));
  if (o.errorsOnly) {
    list.push({
      full: (r) => typeof r.errorCode === 'string' && r.errorCode.length > 0,
      peek: (pk) => pk.contains('"errorCode"'),
      needles: ['"errorCode"'],
    });
  }
  if (o.eventSource !== undefined) list.push(equals(['eventSource'], o.eventSource));
  const { since, until } = o;
  if (since !== undefined || until !== undefined) {
    const inRange = (text: string) => {
      const t = Date.parse(text);
      return (since === undefined || t >= since) && (until === undefined || t <= until);
    };
    list.push({ full: (r) => inRange(r.eventTime), peek: (pk) => pk.field('eventTime').some(inRange) });
  }
  return list;
}

export function createMatcher(options: unknown): RecordMatcher<CloudTrailRecord> {
  const list = clauses(parseFilter(options));
  const peeks = list.flatMap((c) => (c.peek ? [c.peek] : []));
  return {
    needles: list.find((c) => c.needles)?.needles,
    mightMatch: peeks.length > 0 ? (pk) => peeks.every((p) => p(pk)) : undefined,
    match: (record) => (list.every((c) => c.full(record)) ? record : undefined),
  };
}
