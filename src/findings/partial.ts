import { ID_PARTS, type IdParts, validUuidParts } from './event-ids.js';
import { type Group, LISTS, listSize } from './group.js';

/**
 * Hit groups as a scan worker sends them back with a blob's end. Structured cloning costs per
 * object, so the groups are packed into one list of distinct strings and one Float64Array:
 * per group, [rule, principal, resource, first, last, count, idsSeen], then for each of LISTS its
 * length and its values, then the number of kept events and, per event, its time and the
 * ID_PARTS numbers of its id (see event-ids.ts; an id that is not a UUID is -1 - the index of its
 * string, then zeros). Strings are indexes into `strings`.
 */
export interface PartialGroups {
  windowMs: number;
  groups: number;
  strings: string[];
  numbers: Float64Array;
}

/** One group read back from PartialGroups: its kept events are `times` and their ids (IdParts). */
export interface PartialGroup extends IdParts {
  ruleId: string;
  principal: string;
  resource: string;
  first: number;
  last: number;
  count: number;
  idsSeen: number;
  lists: string[][];
  times: number[];
}

/** Packs groups into PartialGroups. */
export function packGroups(windowMs: number, groups: Iterable<Group>): PartialGroups {
  const strings: string[] = [];
  const known = new Map<string, number>();
  const ref = (s: string): number => {
    let i = known.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      known.set(s, i);
    }
    return i;
  };
  const numbers: number[] = [];
  let count = 0;
  for (const g of groups) {
    count++;
    numbers.push(ref(g.ruleId), ref(g.principal), ref(g.resource), g.first, g.last, g.count, g.idsSeen);
    let at = 0;
    for (let list = 0; list < LISTS.length; list++) {
      const size = listSize(g, list);
      numbers.push(size);
      for (const end = at + size; at < end; at++) numbers.push(ref(g.values[at] as string));
    }
    numbers.push(g.times.length);
    for (let i = 0; i < g.times.length; i++) {
      const part = i * ID_PARTS;
      const p0 = g.idParts[part] as number;
      if (p0 >= 0)
        numbers.push(g.times[i] as number, p0, g.idParts[part + 1] as number, g.idParts[part + 2] as number);
      else numbers.push(g.times[i] as number, -1 - ref((g.otherIds as string[])[-1 - p0] as string), 0, 0);
    }
  }
  return { windowMs, groups: count, strings, numbers: Float64Array.from(numbers) };
}

/** The groups of PartialGroups, one after the other; a malformed pack is an error, never a guess. */
export function* unpackGroups(partial: PartialGroups): Generator<PartialGroup> {
  const { strings, numbers } = partial;
  let at = 0;
  const num = (): number => {
    if (at >= numbers.length) throw new RangeError('partial groups end too early');
    return numbers[at++] as number;
  };
  const stringAt = (index: number): string => {
    const s = strings[index];
    if (s === undefined) throw new RangeError('partial groups refer to a missing string');
    return s;
  };
  const str = (): string => stringAt(num());
  for (let n = 0; n < partial.groups; n++) {
    const ruleId = str();
    const principal = str();
    const resource = str();
    const [first, last, count, idsSeen] = [num(), num(), num(), num()];
    const lists = LISTS.map(() => Array.from({ length: num() }, str));
    const times: number[] = [];
    const idParts: number[] = [];
    let otherIds: string[] | undefined;
    for (let i = num(); i > 0; i--) {
      times.push(num());
      const [p0, p1, p2] = [num(), num(), num()];
      if (validUuidParts(p0, p1, p2)) idParts.push(p0, p1, p2);
      else if (Number.isInteger(p0) && p0 < 0 && p1 === 0 && p2 === 0) {
        const id = stringAt(-1 - p0);
        if (id === '') throw new RangeError('partial groups hold an empty event id');
        otherIds ??= [];
        const k = otherIds.push(id) - 1;
        idParts.push(-1 - k, 0, 0);
      } else throw new RangeError('partial groups hold a malformed event id');
    }
    yield { ruleId, principal, resource, first, last, count, idsSeen, lists, times, idParts, otherIds };
  }
  if (at !== numbers.length) throw new RangeError('partial groups hold more than they say');
}
