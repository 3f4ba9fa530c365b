/** The parsed form of a JSON filter pattern. */

/** One step of a property selector: an object key (`.eventName`) or an array index (`[0]`). */
export type PathStep = { key: string } | { index: number };

export type Comparison = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Literal =
  /** A quoted or unquoted string; `*` in it is a wildcard (any run of characters). */
  | { kind: 'string'; text: string }
  /** An unquoted number: compared numerically with numbers, as written with strings. */
  | { kind: 'number'; value: number; text: string }
  /** `%regex%` (RE2 syntax: linear time, safe on attacker-controlled text). */
  | { kind: 'regex'; source: string; position: number };

export type Condition =
  | { type: 'and' | 'or'; left: Condition; right: Condition }
  | { type: 'compare'; selector: string; path: PathStep[]; op: Comparison; literal: Literal }
  | { type: 'is'; selector: string; path: PathStep[]; value: null | true | false }
  | { type: 'notExists'; selector: string; path: PathStep[] };
