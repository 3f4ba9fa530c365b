import { FilterPatternError } from './errors.js';
import { globMatch } from './glob.js';

/**
 * Space-delimited patterns (`[ip, user, ..., status_code = 4* || status_code = 5*, bytes > 1000]`):
 * each name stands for one field of the log line; `...` stands for any number of fields.
 * Assumptions where AWS's guide is silent: without `...` the line must have exactly as many fields
 * as the pattern; `&&` binds tighter than `||` within a field; every condition in a field names it.
 */
type Op = '=' | '!=' | '<' | '>' | '<=' | '>=';
interface Condition {
  op: Op;
  text: string;
  number: number | undefined;
}
/** One field: any value (no conditions), or OR of ANDs of conditions; or `...`. */
type FieldSpec = { ellipsis: true } | { ellipsis: false; name: string; anyOf: Condition[][] };

const ATOM = /^\s*([A-Za-z_][\w-]*)\s*(?:(!=|<=|>=|=|<|>)\s*(.*?))?\s*$/s;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Splits on a separator outside double quotes, keeping each part's offset. */
function splitOutsideQuotes(text: string, separator: string, offset: number): { part: string; at: number }[] {
  const parts: { part: string; at: number }[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"' && text[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && text.startsWith(separator, i)) {
      parts.push({ part: text.slice(start, i), at: offset + start });
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push({ part: text.slice(start), at: offset + start });
  return parts;
}

function parseField(text: string, at: number, pattern: string): FieldSpec {
  const fail = (message: string, where = at): never => {
    throw new FilterPatternError(message, pattern, where);
  };
  if (text.trim() === '...') return { ellipsis: true };
  if (text.trim() === '') fail('empty field in a space-delimited pattern');
  let name: string | undefined;
  const anyOf = splitOutsideQuotes(text, '||', at).map(({ part, at: orAt }) =>
    splitOutsideQuotes(part, '&&', orAt).map(({ part: atom, at: atomAt }): Condition | undefined => {
      const m = ATOM.exec(atom);
      if (!m) return fail('expected a field name, optionally with = != < > <= >= and a value', atomAt);
      const [, field, op, raw] = m as unknown as [string, string, Op | undefined, string | undefined];
      if (name !== undefined && field !== name)
        fail(`conditions in one field must all name "${name}"`, atomAt);
      name = field;
      if (!op) return undefined;
      let value = (raw ?? '').trim();
      if (value === '') fail(`expected a value after "${op}"`, atomAt + atom.length);
      if (value.startsWith('"')) {
        if (value.length < 2 || !value.endsWith('"')) fail('unterminated quoted value', atomAt);
        value = value.slice(1, -1).replace(/\\(.)/g, '$1');
      }
      const number = NUMBER.test(value) ? Number(value) : undefined;
      if (op !== '=' && op !== '!=' && number === undefined)
        fail(`"${op}" compares numbers: expected a number`, atomAt);
      return { op, text: value, number };
    }),
  );
  const conditions = anyOf.map((all) => all.filter((c): c is Condition => c !== undefined));
  if (conditions.some((all) => all.length === 0) && conditions.length > 1)
    fail('a bare field name cannot be combined', at);
  return {
    ellipsis: false,
    name: name as string,
    anyOf: conditions.every((c) => c.length === 0) ? [] : conditions,
  };
}

export function parseDelimitedPattern(pattern: string): FieldSpec[] {
  const open = pattern.indexOf('[');
  const close = pattern.lastIndexOf(']');
  if (close < open || pattern.slice(close + 1).trim() !== '') {
    throw new FilterPatternError(
      'expected "]" at the end of a space-delimited pattern',
      pattern,
      pattern.length,
    );
  }
  return splitOutsideQuotes(pattern.slice(open + 1, close), ',', open + 1).map(({ part, at }) =>
    parseField(part, at, pattern),
  );
}

/** The fields of a log line: runs of non-space, or "..." and [...] as one field each (without the marks). */
export function splitLogFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const closer = c === '"' ? '"' : c === '[' ? ']' : undefined;
    const end = closer ? line.indexOf(closer, i + 1) : -1;
    if (closer && end > i) {
      fields.push(line.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const from = i;
    while (i < line.length && !/\s/.test(line[i] as string)) i++;
    fields.push(line.slice(from, i));
  }
  return fields;
}

function holds(c: Condition, value: string): boolean {
  if (c.op === '=' || c.op === '!=') {
    const equal =
      c.number !== undefined && NUMBER.test(value) ? Number(value) === c.number : globMatch(c.text, value);
    return equal === (c.op === '=');
  }
  if (!NUMBER.test(value)) return false;
  const n = Number(value);
  const bound = c.number as number;
  return c.op === '<' ? n < bound : c.op === '>' ? n > bound : c.op === '<=' ? n <= bound : n >= bound;
}

function fieldMatches(spec: Extract<FieldSpec, { ellipsis: false }>, value: string): boolean {
  return spec.anyOf.length === 0 || spec.anyOf.some((all) => all.every((c) => holds(c, value)));
}

/**
 * True when the line's fields line up with the pattern (`...` absorbing any number of fields).
 * Dynamic programming over (pattern field, line field), one row at a time: O(pattern × line), no
 * recursion, so a line with a hundred thousand fields cannot exhaust the stack.
 */
export function matchDelimited(specs: readonly FieldSpec[], line: string): boolean {
  const fields = splitLogFields(line);
  const count = fields.length;
  // next[f]: the specs after the current one match fields[f..]; starts as "no spec left".
  let next: boolean[] = Array.from({ length: count + 1 }, (_, f) => f === count);
  for (let s = specs.length - 1; s >= 0; s--) {
    const spec = specs[s] as FieldSpec;
    const current: boolean[] = new Array(count + 1).fill(false);
    for (let f = count; f >= 0; f--) {
      if (spec.ellipsis) current[f] = (next[f] as boolean) || (f < count && (current[f + 1] as boolean));
      else current[f] = f < count && (next[f + 1] as boolean) && fieldMatches(spec, fields[f] as string);
    }
    next = current;
  }
  return next[0] as boolean;
}
