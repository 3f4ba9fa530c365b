import type { JsonValue } from '../../step.js';

/** Plain JSON of an SDK value (Dates become ISO strings, undefined fields drop out). */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}
