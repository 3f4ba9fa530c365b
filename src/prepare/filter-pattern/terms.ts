import { FilterPatternError } from './errors.js';

/** An unstructured pattern: plain terms and quoted phrases (all required), `?term` (any of), `-term` (none of). */
export interface TermPattern {
  required: string[];
  anyOf: string[];
  excluded: string[];
}

/** Parses `ERROR "access denied" -healthcheck` or `?ERROR ?WARN`. Matching is a case-sensitive substring search. */
export function parseTermPattern(pattern: string): TermPattern {
  const parsed: TermPattern = { required: [], anyOf: [], excluded: [] };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    let bucket = parsed.required;
    if (c === '?' || c === '-') {
      bucket = c === '?' ? parsed.anyOf : parsed.excluded;
      i++;
    }
    let term: string;
    if (pattern[i] === '"') {
      const close = pattern.indexOf('"', i + 1);
      if (close < 0) throw new FilterPatternError('unterminated quoted phrase', pattern, i);
      term = pattern.slice(i + 1, close);
      i = close + 1;
    } else {
      const from = i;
      while (i < pattern.length && !/\s/.test(pattern[i] as string)) i++;
      term = pattern.slice(from, i);
    }
    if (term === '' && bucket !== parsed.required) {
      throw new FilterPatternError(`expected a term after "${c}"`, pattern, start);
    }
    if (term !== '') bucket.push(term);
  }
  if (parsed.anyOf.length > 0 && (parsed.required.length > 0 || parsed.excluded.length > 0)) {
    throw new FilterPatternError('"?term" cannot be combined with required or excluded terms', pattern, 0);
  }
  return parsed;
}

export function matchTerms(terms: TermPattern, message: string): boolean {
  if (terms.anyOf.length > 0) return terms.anyOf.some((t) => message.includes(t));
  return terms.required.every((t) => message.includes(t)) && !terms.excluded.some((t) => message.includes(t));
}
