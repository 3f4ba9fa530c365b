import { RE2JS } from 're2js';
import { base64, base64Offsets, type EncodedValue, utf16, windash } from './encodings.js';
import { hasWildcards, type MatchMode, parseWildcards, stringTest, unescapeSigma } from './pattern.js';
import { allLeafTexts, textsOf, valuesAt } from './record-values.js';
import { requiredLiteral } from './regex-literals.js';
import { SigmaRuleError } from './rule-error.js';
import { holdsForAny } from './tests-of.js';
import {
  cidrTest,
  comparisonTest,
  fieldrefTest,
  regexTest,
  type SigmaScalar,
  type ValueTest,
} from './value-tests.js';

export { requiredLiteral } from './regex-literals.js';

export type { SigmaScalar } from './value-tests.js';

/** One `field|modifier|...: value(s)` entry of a selection, compiled. */
export interface FieldCondition {
  /** The dotted field path; undefined for a keyword search over the whole record. */
  readonly field: string | undefined;
  test(record: unknown): boolean;
  /** Plain equality strings (no wildcard, no modifier): what the prefilter indexes on. */
  readonly equalsValues: readonly string[] | undefined;
  /** The same test over candidate texts from a raw-record peek, when that is sound; see prefilter.ts. */
  readonly peekTest: ((texts: readonly string[]) => boolean) | undefined;
  /** Exact texts one of which the raw record must contain for the condition to hold (a byte search). */
  readonly rawTexts: readonly string[] | undefined;
}

const STRING_MODES = new Set(['contains', 'startswith', 'endswith']);
const COMPARISONS = new Set(['gt', 'gte', 'lt', 'lte']);
const TRANSFORMS = new Set(['base64', 'base64offset', 'utf16le', 'wide', 'utf16be', 'utf16', 'windash']);
const RE_FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  ignorecase: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  multiline: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  dotall: RE2JS.DOTALL,
};
const TYPES = new Set([...STRING_MODES, ...COMPARISONS, 're', 'cidr', 'exists']);

/**
 * Record fields the CloudTrail record schema guarantees to be strings: a peek at the raw JSON
 * (`"key":"value"` pairs) sees every value they can hold, so tests on them can run before parsing.
 */
export const PEEKABLE_FIELDS = new Set([
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'eventType',
  'eventID',
  'requestID',
  'recipientAccountId',
  'userIdentity.type',
  'userIdentity.principalId',
  'userIdentity.arn',
  'userIdentity.accountId',
  'userIdentity.accessKeyId',
  'userIdentity.userName',
  'userIdentity.invokedBy',
]);

export function compileFieldCondition(key: string, raw: unknown): FieldCondition {
  const [name = '', ...modifiers] = key.split('|');
  const field = name === '' ? undefined : name;
  const values = (Array.isArray(raw) ? raw : [raw]).map((v) => scalar(key, v));
  if (values.length === 0) throw new SigmaRuleError(`field "${key}" has an empty value list`);
  const mods = new Set<string>();
  let type: string | undefined;
  let reFlags = 0;
  const transforms: string[] = [];
  for (const m of modifiers) {
    if (mods.has(m)) throw new SigmaRuleError(`modifier "${m}" repeated in "${key}"`);
    mods.add(m);
    if (m === 'all' || m === 'cased' || m === 'neq' || m === 'fieldref') continue;
    if (m in RE_FLAGS) reFlags |= RE_FLAGS[m] as number;
    else if (TRANSFORMS.has(m)) transforms.push(m);
    else if (m === 'expand')
      throw new SigmaRuleError(`modifier "expand" (placeholders) is not supported in "${key}"`);
    else if (TYPES.has(m)) {
      if (type) throw new SigmaRuleError(`modifiers "${type}" and "${m}" cannot be combined in "${key}"`);
      type = m;
    } else throw new SigmaRuleError(`unknown modifier "${m}" in "${key}"`);
  }
  if (mods.has('fieldref') && ((type && !STRING_MODES.has(type)) || transforms.length))
    throw new SigmaRuleError(`"fieldref" combines only with contains, startswith or endswith in "${key}"`);
  if (reFlags && type !== 're')
    throw new SigmaRuleError(`regular-expression flags need the "re" modifier in "${key}"`);
  if (transforms.length && type && !STRING_MODES.has(type))
    throw new SigmaRuleError(`encoding modifiers cannot be combined with "${type}" in "${key}"`);
  if (field === undefined && (type || mods.has('fieldref')))
    throw new SigmaRuleError(`keyword search "${key}" takes no "${type}" modifier`);

  const cased = mods.has('cased');
  const all = mods.has('all');
  const neq = mods.has('neq');
  const tests: ValueTest[] = values.map((value) =>
    valueTest(key, value, {
      type,
      fieldref: mods.has('fieldref'),
      cased,
      reFlags,
      transforms,
      keyword: !field,
    }),
  );
  const path = field?.split('.') ?? [];
  const read =
    field === undefined
      ? (record: unknown) => allLeafTexts(record)
      : (record: unknown) => valuesAt(record, path);
  const combined = (vals: readonly unknown[], record: unknown): boolean => {
    if (neq && vals.length === 0) return false;
    // A value test counts when it holds, or with neq when it fails: `all` needs each to count, else one.
    if (all) {
      for (const t of tests) if (t(vals, record) === neq) return false;
      return true;
    }
    for (const t of tests) if (t(vals, record) !== neq) return true;
    return false;
  };
  // `cased` still bounds the eventName (the index compares case-insensitively, a superset).
  const plain = !type && !neq && transforms.length === 0 && !mods.has('fieldref');
  const plainStrings = values.every((v) => typeof v === 'string' && !hasWildcards(v));
  const equalsValues =
    plain && plainStrings && (!all || values.length === 1)
      ? values.map((v) => unescapeSigma(v as string))
      : undefined;
  const peekable =
    field !== undefined &&
    PEEKABLE_FIELDS.has(field) &&
    !neq &&
    !mods.has('fieldref') &&
    values.every((v) => v !== null) &&
    (!type || STRING_MODES.has(type) || type === 're' || type === 'cidr');
  return {
    field,
    test: (record) => combined(read(record), record),
    equalsValues,
    peekTest: peekable ? (texts) => combined(texts, undefined) : undefined,
    rawTexts: peekable && !all ? rawTextsOf(field, values, type, reFlags, cased) : undefined,
  };
}

/** Fields whose values AWS writes itself, always spelled the same way (never attacker-chosen). */
const AWS_WRITTEN = new Set(['eventName', 'eventSource', 'eventType', 'errorCode', 'userIdentity.type']);
const RAW_SAFE = /^[A-Za-z0-9:._-]{4,}$/;

/** Spelled as AWS spells these fields: mixed-case identifiers, or lower-case service hosts. */
function awsSpelling(field: string, text: string): boolean {
  if (!RAW_SAFE.test(text)) return false;
  if (field === 'eventSource') return text === text.toLowerCase();
  return /[A-Z]/.test(text) && /[a-z]/.test(text);
}

/**
 * Exact texts of which the raw record must contain one for this condition to hold, found with a
 * byte search (much cheaper than reading a key's values): the literal part of each value, for
 * fields AWS writes in a fixed spelling when the rule spells it so, and the literal a
 * case-sensitive regular expression requires. Undefined when no such texts are certain.
 */
function rawTextsOf(
  field: string,
  values: readonly SigmaScalar[],
  type: string | undefined,
  reFlags: number,
  cased: boolean,
): string[] | undefined {
  const texts: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') return undefined;
    let text: string | undefined;
    if (type === 're') {
      if (reFlags & RE2JS.CASE_INSENSITIVE) return undefined;
      text = requiredLiteral(value);
      if (!text || !RAW_SAFE.test(text)) return undefined;
    } else if (type === undefined || STRING_MODES.has(type)) {
      const literals = parseWildcards(value).filter((p): p is { literal: string } => typeof p !== 'string');
      text = literals.map((p) => p.literal).sort((a, b) => b.length - a.length)[0];
      if (
        !text ||
        !(AWS_WRITTEN.has(field) || cased) ||
        !(cased ? RAW_SAFE.test(text) : awsSpelling(field, text))
      )
        return undefined;
    } else return undefined;
    texts.push(text);
  }
  return texts.length ? texts : undefined;
}

function scalar(key: string, value: unknown): SigmaScalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new SigmaRuleError(`field "${key}" has a value that is not a string, number, boolean or null`);
}

interface ValueOptions {
  type: string | undefined;
  fieldref: boolean;
  cased: boolean;
  reFlags: number;
  transforms: string[];
  keyword: boolean;
}

function valueTest(key: string, value: SigmaScalar, o: ValueOptions): ValueTest {
  if (o.type === 'exists') {
    if (typeof value !== 'boolean') throw new SigmaRuleError(`"exists" needs true or false in "${key}"`);
    return (vals) => vals.some((v) => v !== null) === value;
  }
  if (value === null) {
    if (o.type || o.transforms.length) throw new SigmaRuleError(`null cannot take modifiers in "${key}"`);
    return (vals) => vals.every((v) => v === null);
  }
  if (o.type && COMPARISONS.has(o.type)) return comparisonTest(key, o.type, value);
  if (o.type === 'cidr') return cidrTest(key, value);
  if (o.type === 're') return regexTest(key, value, o.reFlags);
  const mode = (o.type ?? (o.keyword ? 'contains' : 'equals')) as MatchMode;
  if (o.fieldref) return fieldrefTest(key, value, mode, o.cased);
  const variants = encode(String(value), o.transforms).map((v) => stringTest(v.text, mode, o.cased));
  const one = variants.length === 1 ? variants[0] : undefined;
  const any = one ?? ((text: string) => variants.some((t) => t(text)));
  // Strings (nearly every CloudTrail value) are tested without building a list of texts.
  const holds = (v: unknown) => (typeof v === 'string' ? any(v) : textsOf(v).some(any));
  return (vals) => holdsForAny(vals, holds);
}

function encode(text: string, transforms: readonly string[]): EncodedValue[] {
  let values: EncodedValue[] = [{ text, bytes: false }];
  for (const t of transforms) {
    if (t === 'base64') values = values.map(base64);
    else if (t === 'base64offset') values = values.flatMap(base64Offsets);
    else if (t === 'utf16le' || t === 'wide') values = values.map((v) => utf16(v, 'le'));
    else if (t === 'utf16be') values = values.map((v) => utf16(v, 'be'));
    else if (t === 'utf16') values = values.map((v) => utf16(v, 'bom'));
    else if (t === 'windash') values = values.flatMap(windash);
  }
  return values;
}
