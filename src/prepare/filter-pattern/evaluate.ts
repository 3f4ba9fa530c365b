import { RE2JS } from 're2js';
import type { Condition, Literal, PathStep } from './ast.js';
import { FilterPatternError } from './errors.js';
import { globMatch } from './glob.js';

/** A compiled condition: true when a parsed JSON log event matches. */
export type EventPredicate = (event: unknown) => boolean;

const MISSING = Symbol('missing');

/** Follows a selector's steps; MISSING when any step is absent (a key on a non-object, an index past the end). */
export function select(event: unknown, path: readonly PathStep[]): unknown {
  let value: unknown = event;
  for (const step of path) {
    if ('index' in step) {
      if (!Array.isArray(value) || step.index >= value.length) return MISSING;
      value = value[step.index];
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return MISSING;
      if (!Object.hasOwn(value, step.key)) return MISSING;
      value = (value as Record<string, unknown>)[step.key];
    }
  }
  return value;
}

/** The text a scalar is compared as: strings as they are, numbers and booleans as JSON writes them. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function compileLiteralTest(literal: Literal, pattern: string): (value: unknown) => boolean | undefined {
  if (literal.kind === 'regex') {
    let regex: RE2JS;
    try {
      regex = RE2JS.compile(literal.source);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new FilterPatternError(`invalid regular expression (${why})`, pattern, literal.position);
    }
    return (value) => {
      const text = scalarText(value);
      return text === undefined ? undefined : regex.test(text);
    };
  }
  if (literal.kind === 'number') {
    return (value) => {
      if (typeof value === 'number') return value === literal.value;
      const text = scalarText(value);
      return text === undefined ? undefined : text === literal.text;
    };
  }
  const glob = literal.text;
  const exact = !glob.includes('*');
  return (value) => {
    const text = scalarText(value);
    if (text === undefined) return undefined;
    return exact ? text === glob : globMatch(glob, text);
  };
}

const ORDER = {
  '<': (a: number, b: number) => a < b,
  '>': (a: number, b: number) => a > b,
  '<=': (a: number, b: number) => a <= b,
  '>=': (a: number, b: number) => a >= b,
} as const;

/**
 * Turns a condition tree into a predicate. Semantics (as CloudWatch Logs documents them):
 * a comparison on a property that is absent, null, an object or an array is false, for `!=` too;
 * `=`/`!=` with a string compare the text of strings, numbers and booleans, `*` matching any run;
 * `< > <= >=` need a JSON number; IS TRUE/FALSE/NULL need exactly that JSON value;
 * NOT EXISTS is true only when the property is absent.
 */
export function compileCondition(condition: Condition, pattern: string): EventPredicate {
  switch (condition.type) {
    case 'and': {
      const left = compileCondition(condition.left, pattern);
      const right = compileCondition(condition.right, pattern);
      return (event) => left(event) && right(event);
    }
    case 'or': {
      const left = compileCondition(condition.left, pattern);
      const right = compileCondition(condition.right, pattern);
      return (event) => left(event) || right(event);
    }
    case 'notExists':
      return (event) => select(event, condition.path) === MISSING;
    case 'is':
      return (event) => select(event, condition.path) === condition.value;
    case 'compare': {
      const { path, op, literal } = condition;
      if (op !== '=' && op !== '!=') {
        const compare = ORDER[op];
        const bound = literal.kind === 'number' ? literal.value : Number.NaN;
        return (event) => {
          const value = select(event, path);
          return typeof value === 'number' && compare(value, bound);
        };
      }
      const test = compileLiteralTest(literal, pattern);
      const negate = op === '!=';
      return (event) => {
        const value = select(event, path);
        if (value === MISSING) return false;
        const result = test(value);
        return result === undefined ? false : result !== negate;
      };
    }
  }
}
