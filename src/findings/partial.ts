import { type Group, LISTS, listSize } from './group.js';

/**
 * Hit groups as a scan worker sends them back with a blob's end. Structured cloning costs per
 * object, so the groups are packed into one list of distinct strings and one Float64Array:
 * per group, [rule, principal, resource, first, last, count, idsSeen], then for each of LISTS its
 * length and its values, then the number of kept events and, per event, its time and id (strings
 * are indexes into `strings`).
 */
export interface PartialGroups {
  windowMs: number;
  groups: number;
  strings: string[];
  numbers: Float64Array;
}

/** One group read back from PartialGroups. */
export interface PartialGroup {
  ruleId: string;
  principal: string;
  resource: string;
  first: number;
  last: number;
  count: number;
  idsSeen: number;
  lists: string[][];
  times: number[];
  ids: string[];
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
    numbers.push(g.ids.length);
    for (let i = 0; i < g.ids.length; i++) numbers.push(g.times[i] as number, ref(g.ids[i] as string));
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
  const str = (): string => {
    const s = strings[num()];
    if (s === undefined) throw new RangeError('partial groups refer to a missing string');
    return s;
  };
  for (let n = 0; n < partial.groups; n++) {
    const ruleId = str();
    const principal = str();
    const resource = str();
    const [first, last, count, idsSeen] = [num(), num(), num(), num()];
    const lists = LISTS.map(() => Array.from({ length: num() }, str));
    const times: number[] = [];
    const ids: string[] = [];
    for (let i = num(); i > 0; i--) {
      times.push(num());
      ids.push(str());
    }
    yield { ruleId, principal, resource, first, last, count, idsSeen, lists, times, ids };
  }
  if (at !== numbers.length) throw new RangeError('partial groups hold more than they say');
}
