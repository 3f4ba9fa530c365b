import { BlockList, isIP } from 'node:net';
import { RE2JS } from 're2js';
import { lowerCase, type MatchMode } from './pattern.js';
import { textsOf, valuesAt } from './record-values.js';
import { requiredLiterals } from './regex-literals.js';
import { SigmaRuleError } from './rule-error.js';
import { holdsForAny } from './tests-of.js';

/**
 * The value tests of Sigma's typed modifiers: number comparisons (`gt`, `lte`...), `cidr`, `re`
 * and `fieldref`. Each takes the values a record holds at the condition's field.
 */

/** A value as written in a rule. */
export type SigmaScalar = string | number | boolean | null;

export type ValueTest = (values: readonly unknown[], record: unknown) => boolean;

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function comparisonTest(key: string, type: string, value: SigmaScalar): ValueTest {
  const limit = numberOf(value);
  if (limit === undefined) throw new SigmaRuleError(`"${type}" needs a number in "${key}"`);
  const cmp =
    type === 'gt'
      ? (n: number) => n > limit
      : type === 'gte'
        ? (n: number) => n >= limit
        : type === 'lt'
          ? (n: number) => n < limit
          : (n: number) => n <= limit;
  return (vals) =>
    vals.some((v) => {
      const n = numberOf(v);
      return n !== undefined && cmp(n);
    });
}

export function cidrTest(key: string, value: SigmaScalar): ValueTest {
  const [address = '', bits = ''] = String(value).split('/');
  const family = isIP(address);
  const prefix = Number(bits);
  const max = family === 6 ? 128 : 32;
  if (!family || !/^\d+$/.test(bits) || prefix > max)
    throw new SigmaRuleError(`"${String(value)}" is not a CIDR block in "${key}"`);
  const block = new BlockList();
  const type = family === 6 ? 'ipv6' : 'ipv4';
  block.addSubnet(address, prefix, type);
  return (vals) =>
    vals.some((v) => {
      if (typeof v !== 'string') return false;
      const kind = isIP(v);
      return kind !== 0 && block.check(v, kind === 6 ? 'ipv6' : 'ipv4');
    });
}

export function regexTest(key: string, value: SigmaScalar, flags: number): ValueTest {
  let re: RE2JS;
  try {
    re = RE2JS.compile(String(value), flags);
  } catch (error) {
    throw new SigmaRuleError(
      `invalid regular expression ${JSON.stringify(String(value))} in "${key}": ${String(error)}`,
    );
  }
  const caseless = (flags & RE2JS.CASE_INSENSITIVE) !== 0;
  const found = requiredLiterals(String(value));
  const wants =
    !found || (caseless && found.some((w) => !ASCII.test(w)))
      ? undefined
      : caseless
        ? found.map((w) => w.toLowerCase())
        : found;
  const mayMatch = !wants
    ? () => true
    : caseless
      ? (text: string) => includesAny(foldedCase(text), wants)
      : (text: string) => includesAny(text, wants);
  const test = (text: string) => mayMatch(text) && re.test(text);
  const holds = (v: unknown) => (typeof v === 'string' ? test(v) : textsOf(v).some(test));
  return (vals) => holdsForAny(vals, holds);
}

const ASCII = /^[\x20-\x7e]*$/;

/** The text lowered as RE2 folds case for ASCII texts: U+017F (long s) is s, the Kelvin sign k. */
function foldedCase(text: string): string {
  const lower = lowerCase(text);
  return lower.includes('\u017f') ? lower.replaceAll('\u017f', 's') : lower;
}

function includesAny(text: string, wants: readonly string[]): boolean {
  for (const want of wants) if (text.includes(want)) return true;
  return false;
}

export function fieldrefTest(key: string, value: SigmaScalar, mode: MatchMode, cased: boolean): ValueTest {
  if (typeof value !== 'string' || value === '')
    throw new SigmaRuleError(`"fieldref" needs a field name in "${key}"`);
  const refPath = value.split('.');
  const norm = cased ? (s: string) => s : (s: string) => s.toLowerCase();
  const compare: Record<MatchMode, (a: string, b: string) => boolean> = {
    equals: (a, b) => a === b,
    contains: (a, b) => a.includes(b),
    startswith: (a, b) => a.startsWith(b),
    endswith: (a, b) => a.endsWith(b),
  };
  const op = compare[mode];
  return (vals, record) => {
    const refs = valuesAt(record, refPath)
      .flatMap((r) => textsOf(r))
      .map(norm);
    if (refs.length === 0) return false;
    return vals.some((v) => textsOf(v).some((text) => refs.some((ref) => op(norm(text), ref))));
  };
}
