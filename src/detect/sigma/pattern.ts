import { RE2JS } from 're2js';

/**
 * Sigma string values: `*` matches any run of characters, `?` exactly one, and `\` escapes
 * `*`, `?` and `\` (any other backslash is a literal backslash). Matching is case-insensitive
 * unless `cased`. Patterns with inner wildcards run on re2js (linear time), never JS RegExp.
 */
export type MatchMode = 'equals' | 'contains' | 'startswith' | 'endswith';

export type StringTest = (value: string) => boolean;

type Part = { literal: string } | '*' | '?';

/** Splits a Sigma string into literal runs and wildcards, resolving escapes. */
export function parseWildcards(raw: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        literal += next;
        i++;
      } else literal += '\\';
    } else if (c === '*' || c === '?') {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push(c);
    } else literal += c;
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** True when the Sigma string holds an unescaped `*` or `?`. */
export function hasWildcards(raw: string): boolean {
  return parseWildcards(raw).some((p) => typeof p === 'string');
}

/** The Sigma string with escapes resolved, for values that hold no wildcard. */
export function unescapeSigma(raw: string): string {
  return parseWildcards(raw)
    .map((p) => (typeof p === 'string' ? p : p.literal))
    .join('');
}

/** Compiles one Sigma string (already transformed by encoding modifiers) into a test. */
export function stringTest(raw: string, mode: MatchMode, cased: boolean): StringTest {
  const parts = parseWildcards(raw);
  let anyStart = mode === 'contains' || mode === 'endswith';
  let anyEnd = mode === 'contains' || mode === 'startswith';
  // Leading and trailing `*` only widen the mode; only inner wildcards need an automaton.
  while (parts[0] === '*') {
    parts.shift();
    anyStart = true;
  }
  while (parts[parts.length - 1] === '*') {
    parts.pop();
    anyEnd = true;
  }
  if (parts.length === 0) return anyStart || anyEnd ? () => true : (v) => v === '';
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only !== undefined && typeof only !== 'string')
    return literalTest(only.literal, anyStart, anyEnd, cased);
  let pattern = anyStart ? '' : '^';
  for (const part of parts) {
    if (part === '*') pattern += '.*';
    else if (part === '?') pattern += '.';
    else pattern += RE2JS.quote(part.literal);
  }
  if (!anyEnd) pattern += '$';
  const flags = RE2JS.DOTALL | (cased ? 0 : RE2JS.CASE_INSENSITIVE);
  const re = RE2JS.compile(pattern, flags);
  return (v) => re.test(v);
}

let lastText = '';
let lastLower = '';

/**
 * The text in lower case. Several rules test the same value of a record in turn (its user agent,
 * its ARN): the last answer is kept, so the text is lowered once.
 */
export function lowerCase(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}

function literalTest(text: string, anyStart: boolean, anyEnd: boolean, cased: boolean): StringTest {
  const want = cased ? text : text.toLowerCase();
  const norm = cased ? (v: string) => v : lowerCase;
  if (anyStart && anyEnd) return (v) => norm(v).includes(want);
  if (anyStart) return (v) => norm(v).endsWith(want);
  if (anyEnd) return (v) => norm(v).startsWith(want);
  return (v) => norm(v) === want;
}
