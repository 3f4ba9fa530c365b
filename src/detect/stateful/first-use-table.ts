import { isIP } from 'node:net';
import type { RecordPeek } from '../../trail/scan/types.js';
import { BoundedMap } from './bounded.js';

/** Records of a principal that must precede a new IP or agent for it to count as "new" (a baseline). */
export const MIN_HISTORY = 3;
const MAX_MARKS = 64;

const families = new Map<string, string | null>();
const MAX_FAMILIES = 4096;
const MAX_CACHED_LENGTH = 512;

/** A user agent with its version numbers blurred, so an upgraded CLI is not a "new" agent. */
export function agentFamily(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  // The same few agents make most of a trail: each is blurred once.
  const known = families.get(userAgent);
  if (known !== undefined) return known ?? undefined;
  const family = /amazonaws\.com$|^AWS Internal/i.test(userAgent)
    ? null
    : userAgent.replace(/\d+/g, '#').slice(0, 200);
  // Only ordinary lengths are remembered: attacker-long agents must not fill memory.
  if (userAgent.length <= MAX_CACHED_LENGTH) {
    if (families.size >= MAX_FAMILIES) families.clear();
    families.set(userAgent, family);
  }
  return family ?? undefined;
}

/**
 * Marks made before, one string each: a mark is looked up in every principal's table for every
 * record, and a string made afresh must be flattened and hashed at each lookup (ten times the cost
 * of one whose hash is already known).
 */
const made = { ip: new Map<string, string | null>(), agent: new Map<string, string | null>() };
const MAX_MADE = 8192;

/** The mark of a value (looked up by the value itself, not by a string built for it). */
function mark(kind: 'ip' | 'agent', value: string, valid: (value: string) => boolean): string | undefined {
  const marks = made[kind];
  let known = marks.get(value);
  if (known === undefined) {
    known = valid(value) ? `${kind} ${value}` : null;
    // Attacker-long values are not remembered (they would fill memory), only recomputed.
    if (value.length <= MAX_CACHED_LENGTH) {
      if (marks.size >= MAX_MADE) marks.clear();
      marks.set(value, known);
    }
  }
  return known ?? undefined;
}

/** The contexts a call was made from: `ip <address>` and `agent <family>`. */
export function marksOf(sourceIPAddress: string | undefined, userAgent: string | undefined): string[] {
  const marks: string[] = [];
  const ip = sourceIPAddress ? mark('ip', sourceIPAddress, (v) => isIP(v) !== 0) : undefined;
  if (ip) marks.push(ip);
  const agent = agentFamily(userAgent);
  const family = agent ? mark('agent', agent, () => true) : undefined;
  if (family) marks.push(family);
  return marks;
}

interface PrincipalSeen {
  /** The MIN_HISTORY earliest activity times, ascending. */
  earliest: number[];
  /** Mark → first time seen and the event that showed it. */
  marks: Map<string, { time: number; eventId: string | undefined }>;
}

/** Serialised form: [principal, earliest, [mark, time, eventId][]][] (structured-clonable). */
export type FirstSeenAggregate = [string, number[], [string, number, string | undefined][]][];

/**
 * Per principal: when it was first active and when it first used each IP and user agent. Merging
 * takes minima, so tables built from files in any order give the same answer. Bounded: at most
 * maxPrincipals principals (least recently touched evicted) and MAX_MARKS marks each.
 */
export class FirstSeenTable {
  readonly #principals: BoundedMap<string, PrincipalSeen>;

  constructor(maxPrincipals: number) {
    this.#principals = new BoundedMap(maxPrincipals);
  }

  get size(): number {
    return this.#principals.size;
  }

  /** `eventId` may be a function: read only when the record is the first seen of one of its marks. */
  note(
    principal: string,
    time: number,
    marks: readonly string[],
    eventId: string | undefined | (() => string | undefined),
  ): void {
    const seen = this.#principals.upsert(principal, () => ({ earliest: [], marks: new Map() }));
    insertEarliest(seen.earliest, time);
    for (const mark of marks) {
      const known = seen.marks.get(mark);
      if (!known || time < known.time)
        seen.marks.set(mark, { time, eventId: typeof eventId === 'function' ? eventId() : eventId });
    }
    while (seen.marks.size > MAX_MARKS) seen.marks.delete(seen.marks.keys().next().value as string);
  }

  /** When the principal first used this mark, if it had MIN_HISTORY earlier records; else undefined. */
  newMarkSince(principal: string, mark: string): { time: number; eventId: string | undefined } | undefined {
    const seen = this.#principals.get(principal);
    const first = seen?.marks.get(mark);
    if (!seen || !first || seen.earliest.length < MIN_HISTORY) return undefined;
    const before = seen.earliest.filter((t) => t < first.time).length;
    return before >= MIN_HISTORY ? first : undefined;
  }

  merge(aggregate: unknown): void {
    if (!Array.isArray(aggregate)) return;
    for (const entry of aggregate as FirstSeenAggregate) {
      if (
        !Array.isArray(entry) ||
        typeof entry[0] !== 'string' ||
        !Array.isArray(entry[1]) ||
        !Array.isArray(entry[2])
      )
        continue;
      const [principal, earliest, marks] = entry;
      const seen = this.#principals.upsert(principal, () => ({ earliest: [], marks: new Map() }));
      for (const t of earliest) if (typeof t === 'number') insertEarliest(seen.earliest, t);
      for (const [mark, time, eventId] of marks) {
        const known = seen.marks.get(mark);
        if (typeof time === 'number' && (!known || time < known.time))
          seen.marks.set(mark, { time, eventId });
      }
      while (seen.marks.size > MAX_MARKS) seen.marks.delete(seen.marks.keys().next().value as string);
    }
  }

  toAggregate(): FirstSeenAggregate {
    return [...this.#entries()].map(([principal, seen]) => [
      principal,
      [...seen.earliest],
      [...seen.marks].map(([mark, first]) => [mark, first.time, first.eventId]),
    ]);
  }

  *#entries(): Generator<[string, PrincipalSeen]> {
    yield* this.#principals.entries();
  }
}

function insertEarliest(list: number[], time: number): void {
  if (list.length >= MIN_HISTORY && time >= (list[list.length - 1] ?? Infinity)) return;
  list.push(time);
  list.sort((a, b) => a - b);
  if (list.length > MIN_HISTORY) list.length = MIN_HISTORY;
}

/** Reads what the table needs from a record's raw JSON, without parsing it. */
export function peekFirstSeen(
  peek: RecordPeek,
): { principal: string; time: number; marks: string[]; eventId: () => string | undefined } | undefined {
  if (peek.field('userIdentity.invokedBy').length > 0) return undefined;
  const ids = peek.field('userIdentity.principalId');
  // userIdentity.principalId of a role session is "AROA…:session"; sessionIssuer's is the bare role id.
  const principal = ids.find((id) => id.includes(':')) ?? ids[0];
  const time = Date.parse(peek.field('eventTime')[0] ?? '');
  if (!principal || Number.isNaN(time)) return undefined;
  const marks = marksOf(peek.field('sourceIPAddress')[0], peek.field('userAgent')[0]);
  // The event id is at the far end of the record: read only if the record is kept as a first use
  // (by FirstSeenTable.note, at once: the peek moves on to the next record afterwards).
  return { principal, time, marks, eventId: () => peek.field('eventID')[0] };
}
