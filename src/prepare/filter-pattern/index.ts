import { matchDelimited, parseDelimitedPattern } from './delimited.js';
import { FilterPatternError } from './errors.js';
import { compileCondition, type EventPredicate } from './evaluate.js';
import { parseJsonPattern } from './parse.js';
import { matchTerms, parseTermPattern } from './terms.js';

export type { Condition, Literal, PathStep } from './ast.js';
export { FilterPatternError } from './errors.js';
export { parseJsonPattern } from './parse.js';

/** CloudWatch Logs refuses longer filter patterns (PutMetricFilter: filterPattern, max 1024). */
export const MAX_PATTERN_LENGTH = 1024;

/** A CloudWatch Logs filter pattern, compiled once and evaluated on many log events. */
export interface FilterPattern {
  readonly source: string;
  /** `json` for `{ ... }`, `delimited` for `[ ... ]`, `terms` for words/phrases, `all` for the empty pattern. */
  readonly kind: 'json' | 'terms' | 'delimited' | 'all';
  /** True when this log event would be counted by a metric filter with this pattern. */
  matches(event: unknown): boolean;
}

/**
 * Compiles a filter pattern as CloudWatch Logs reads it. The event given to `matches` is the raw
 * log message (a string) or an already-parsed JSON value (a CloudTrail record). A JSON pattern never
 * matches a message that is not JSON; a term pattern searches the message text (JSON-serialised when
 * given an object); a space-delimited `[...]` pattern matches the fields of the message line.
 */
export function compileFilterPattern(source: string): FilterPattern {
  if (source.length > MAX_PATTERN_LENGTH) {
    throw new FilterPatternError(
      `longer than the ${MAX_PATTERN_LENGTH} characters CloudWatch Logs accepts`,
      source,
      MAX_PATTERN_LENGTH,
    );
  }
  const trimmed = source.trim();
  if (trimmed === '' || trimmed === '""') return { source, kind: 'all', matches: () => true };
  if (trimmed.startsWith('[')) {
    const specs = parseDelimitedPattern(source);
    return {
      source,
      kind: 'delimited',
      matches: (event) => matchDelimited(specs, typeof event === 'string' ? event : JSON.stringify(event)),
    };
  }
  if (trimmed.startsWith('{')) {
    const predicate: EventPredicate = compileCondition(parseJsonPattern(source), source);
    return {
      source,
      kind: 'json',
      matches(event) {
        if (typeof event !== 'string') return predicate(event);
        try {
          return predicate(JSON.parse(event));
        } catch {
          return false;
        }
      },
    };
  }
  const terms = parseTermPattern(source);
  return {
    source,
    kind: 'terms',
    matches: (event) => matchTerms(terms, typeof event === 'string' ? event : JSON.stringify(event)),
  };
}
