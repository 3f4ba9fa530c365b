import { BytePeek } from '../../trail/scan/peek.js';
import type { RecordPeek } from '../../trail/scan/types.js';
import { compileFieldCondition, type FieldCondition } from './field-condition.js';
import { SigmaRuleError } from './rule-error.js';
import { allHold, anyHolds, holdsForAny } from './tests-of.js';

/** One search identifier of a rule's detection, compiled, with what the prefilter can learn from it. */
export interface Selection {
  test(record: unknown): boolean;
  /** The eventName values (as written) of which the record must have one; undefined: no such bound. */
  readonly eventNames: ReadonlySet<string> | undefined;
  /** The same for eventSource. */
  readonly eventSources: ReadonlySet<string> | undefined;
  /** A cheap over-approximation on the raw record; undefined: it cannot tell. */
  readonly peek: ((peek: RecordPeek) => boolean) | undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A map of field conditions: all must hold. */
function mapSelection(map: Record<string, unknown>): Selection {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaRuleError('empty selection map');
  const conditions: FieldCondition[] = entries.map(([key, value]) => compileFieldCondition(key, value));
  const tests = conditions.map((c) => c.test);
  const bound = (field: string) => {
    const values = conditions.find((c) => c.field === field && c.equalsValues)?.equalsValues;
    return values ? new Set(values) : undefined;
  };
  // Conditions with a byte-search guard first: they rule most records out cheapest.
  const peekable = conditions
    .filter((c) => c.peekTest && c.field)
    .sort((a, b) => Number(!a.rawTexts) - Number(!b.rawTexts));
  const peekTests = peekable.map((c) => {
    const field = c.field as string;
    const test = c.peekTest as (texts: readonly string[]) => boolean;
    const raw = c.rawTexts;
    // A BytePeek reads all keys in one pass: its strings are cheaper than another byte search.
    if (raw)
      return (peek: RecordPeek) =>
        (peek instanceof BytePeek || holdsForAny(raw, (t) => peek.contains(t))) && test(peek.field(field));
    return (peek: RecordPeek) => test(peek.field(field));
  });
  return {
    test: (record) => allHold(tests, record),
    eventNames: bound('eventName'),
    eventSources: bound('eventSource'),
    peek: peekTests.length ? (peek) => allHold(peekTests, peek) : undefined,
  };
}

/** Compiles a search identifier's value: a map (AND), a list of maps (OR) or keywords (a list of values). */
export function compileSelection(name: string, value: unknown): Selection {
  try {
    if (isPlainObject(value)) return mapSelection(value);
    if (Array.isArray(value)) {
      if (value.length === 0) throw new SigmaRuleError('empty list');
      if (value.every(isPlainObject)) {
        const alternatives = value.map((m) => mapSelection(m as Record<string, unknown>));
        const tests = alternatives.map((a) => a.test);
        const either = (bound: 'eventNames' | 'eventSources') =>
          alternatives.every((a) => a[bound])
            ? new Set(alternatives.flatMap((a) => [...(a[bound] as Set<string>)]))
            : undefined;
        const peeks = alternatives.every((a) => a.peek)
          ? alternatives.map((a) => a.peek as (p: RecordPeek) => boolean)
          : undefined;
        return {
          test: (record) => anyHolds(tests, record),
          eventNames: either('eventNames'),
          eventSources: either('eventSources'),
          peek: peeks ? (peek) => anyHolds(peeks, peek) : undefined,
        };
      }
      if (value.some(isPlainObject) || value.some(Array.isArray))
        throw new SigmaRuleError('a list mixing maps and keywords');
      return keywordSelection(value);
    }
    if (typeof value === 'string' || typeof value === 'number') return keywordSelection([value]);
    throw new SigmaRuleError('a value that is neither a map, a list nor a keyword');
  } catch (error) {
    if (error instanceof SigmaRuleError)
      throw new SigmaRuleError(`search identifier "${name}": ${error.message}`);
    throw error;
  }
}

function keywordSelection(keywords: unknown[]): Selection {
  const condition = compileFieldCondition('', keywords);
  return {
    test: (record) => condition.test(record),
    eventNames: undefined,
    eventSources: undefined,
    peek: undefined,
  };
}
