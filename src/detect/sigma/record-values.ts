/**
 * How Sigma sees a CloudTrail record's fields: a dotted path walks nested objects, and a list
 * met on the way (or at the end) stands for each of its elements, so a list matches when any
 * element does.
 */

/** Every value at a dotted path (already split), with lists flattened; empty when absent. */
export function valuesAt(record: unknown, path: readonly string[]): unknown[] {
  // Most paths cross plain objects only (userIdentity.arn): walk them without building lists.
  let value = record;
  for (let i = 0; i < path.length; i++) {
    if (value === null || typeof value !== 'object') return [];
    if (Array.isArray(value)) return walk([value], path, i);
    const key = path[i] as string;
    if (!Object.hasOwn(value, key)) return [];
    value = (value as Record<string, unknown>)[key];
    if (value === undefined) return [];
  }
  if (!Array.isArray(value)) return [value];
  const flat: unknown[] = [];
  flatten(value, flat);
  return flat;
}

/** The general walk from path[from] on, where lists stand for each of their elements. */
function walk(start: unknown[], path: readonly string[], from: number): unknown[] {
  let current = start;
  for (let i = from; i < path.length; i++) {
    const next: unknown[] = [];
    for (const value of current) collectChild(value, path[i] as string, next);
    if (next.length === 0) return next;
    current = next;
  }
  const flat: unknown[] = [];
  for (const value of current) flatten(value, flat);
  return flat;
}

function collectChild(value: unknown, key: string, into: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectChild(item, key, into);
  } else if (value !== null && typeof value === 'object' && Object.hasOwn(value, key)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) into.push(child);
  }
}

function flatten(value: unknown, into: unknown[]): void {
  if (Array.isArray(value)) for (const item of value) flatten(item, into);
  else into.push(value);
}

/**
 * The texts a value offers to a string comparison: a scalar's text; for an object, its JSON and
 * every string or scalar nested in it (so `requestParameters|contains: Suspended` works).
 */
export function textsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') into.push(String(value));
  else if (value !== null && typeof value === 'object') {
    if (!Array.isArray(value)) into.push(JSON.stringify(value));
    for (const child of Object.values(value)) textsOf(child, into);
  }
  return into;
}

/** Every scalar text anywhere in the record: what keyword searches look at. */
export function allLeafTexts(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') into.push(String(value));
  else if (value !== null && typeof value === 'object')
    for (const child of Object.values(value)) allLeafTexts(child, into);
  return into;
}
