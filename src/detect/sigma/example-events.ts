import type { SigmaRule } from './rule.js';

/**
 * Builds CloudTrail records from a Sigma rule's own detection: one that satisfies the condition
 * and near misses that change a single required value. `rules test` uses them for Sigma rules
 * that come without events; the tests use them to prove every SigmaHQ rule fires as written.
 * Regular expressions and CIDR blocks cannot be inverted: such rules need hand-written events.
 */
type Json = Record<string, unknown>;

const BASE: Json = {
  eventVersion: '1.09',
  eventTime: '2026-03-14T09:12:44Z',
  eventSource: 'example.amazonaws.com',
  eventName: 'ExampleCall',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.20',
  userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDAQAVN3EXAMPLE7XYZ',
    arn: 'arn:aws:iam::111122223333:user/alice',
    accountId: '111122223333',
    accessKeyId: 'AKIAQAVN3EXAMPLEKEY1',
    userName: 'alice',
  },
  requestParameters: null,
  responseElements: null,
  requestID: 'a1b2c3d4-0000-4000-8000-000000000001',
  eventID: 'e1b2c3d4-0000-4000-8000-000000000001',
  readOnly: false,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '111122223333',
};

type Assignment = Map<string, unknown>;

export class NotInvertible extends Error {}

/** A value the field condition `key` accepts, from the first rule value. */
function valueFor(key: string, raw: unknown): unknown {
  const [, ...mods] = key.split('|');
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === null) return undefined;
  if (
    mods.some((m) =>
      [
        're',
        'cidr',
        'fieldref',
        'neq',
        'base64',
        'base64offset',
        'windash',
        'wide',
        'utf16le',
        'utf16be',
        'utf16',
        'expand',
      ].includes(m),
    )
  )
    throw new NotInvertible(`cannot build a value for "${key}"`);
  if (mods.includes('exists')) return value === true ? 'present' : undefined;
  if (mods.some((m) => ['gt', 'gte'].includes(m))) return Number(value) + 1;
  if (mods.some((m) => ['lt', 'lte'].includes(m))) return Number(value) - 1;
  if (typeof value !== 'string') return value;
  const all = mods.includes('all') && Array.isArray(raw) ? (raw as string[]) : [value];
  const literal = (s: string) => s.replace(/\\([*?\\])|[*]|[?]/g, (m, esc) => esc ?? (m === '*' ? '' : 'x'));
  const joined = all.map(literal).join(' ');
  if (mods.includes('contains')) return `pre ${joined} post`;
  if (mods.includes('startswith')) return `${joined}-tail`;
  if (mods.includes('endswith')) return `head-${joined}`;
  return joined;
}

function assignSelection(selection: unknown, into: Assignment, anything: Set<string>): void {
  const map = Array.isArray(selection) ? selection[0] : selection;
  if (!map || typeof map !== 'object' || Array.isArray(map))
    throw new NotInvertible('keyword selections are not inverted');
  for (const [key, raw] of Object.entries(map as Json)) {
    into.set(key, valueFor(key, raw));
    if ([raw].flat().every((v) => typeof v === 'string' && v.replaceAll('*', '') === '')) anything.add(key);
  }
}

/** Fields a CloudTrail record holds as objects: a value meant for the whole field goes one level down. */
const OBJECT_FIELDS = new Set([
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'userIdentity',
]);

function setPath(record: Json, path: string, value: unknown): void {
  if (OBJECT_FIELDS.has(path) && value !== undefined && (typeof value !== 'object' || value === null)) {
    record[path] = { detail: value };
    return;
  }
  const parts = path.split('.');
  let at: Json = record;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (!next || typeof next !== 'object') at[part] = {};
    at = at[part] as Json;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

/** The search identifiers a positive event must satisfy: every `and` branch, the first `or` branch. */
function chosenSelections(condition: string, names: string[]): string[] {
  const firstAlternative = condition.split(/\s+or\s+/i)[0] ?? condition;
  const positive = firstAlternative.replace(/\bnot\s+(1 of |all of )?[\w*]+/gi, ' ');
  const chosen: string[] = [];
  for (const m of positive.matchAll(/(?:(1|all|any) of )?([\w*]+)/gi)) {
    const [, quantifier, target = ''] = m;
    if (/^(and|or|not|them|of|1|all|any)$/i.test(target)) continue;
    const re = new RegExp(`^${target.replace(/\*/g, '.*')}$`);
    const matching = names.filter((n) => re.test(n));
    chosen.push(...(quantifier?.toLowerCase() === 'all' ? matching : matching.slice(0, 1)));
  }
  return chosen;
}

export interface RuleExamples {
  positive: Json;
  /** Records that differ from the positive one in a single required value. */
  nearMisses: Json[];
}

export function exampleEvents(rule: SigmaRule): RuleExamples {
  const detection = rule.document.detection as Json;
  const condition = [detection.condition].flat()[0] as string;
  const names = Object.keys(detection).filter((k) => k !== 'condition');
  const assignment: Assignment = new Map();
  const wildcardsOnly = new Set<string>();
  for (const name of chosenSelections(condition, names))
    assignSelection(detection[name], assignment, wildcardsOnly);
  const positive = structuredClone(BASE);
  for (const [key, value] of assignment) setPath(positive, key.split('|')[0] as string, value);
  const nearMisses: Json[] = [];
  for (const [key, value] of assignment) {
    if (value === undefined) continue;
    const miss = structuredClone(positive);
    // A value any text satisfies (`contains: '*'`) is missed only by leaving the field out.
    const anything = wildcardsOnly.has(key);
    setPath(
      miss,
      key.split('|')[0] as string,
      anything ? undefined : typeof value === 'string' ? 'GarrisonNearMiss' : 'unrelated',
    );
    nearMisses.push(miss);
  }
  return { positive, nearMisses };
}
