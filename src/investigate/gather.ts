import type { TrailRecord } from '../trail/record.js';
import { type ReadTrailOptions, readTrail, type TrailSummary } from '../trail/sources/read-trail.js';
import { type ActivityMatch, activityMatcherSpec, type HourTally } from './activity-matcher.js';
import { type CredentialChain, followCredentials } from './chain.js';
import { issuedCredentials } from './credentials.js';
import { type Selection, selects } from './selection.js';

export interface GatherOptions extends Omit<ReadTrailOptions, 'matcher'> {
  /** Follow credentials issued to the selection into later records (default true). */
  follow?: boolean;
  /** Only records at or after / at or before these times (epoch ms). */
  since?: number | undefined;
  until?: number | undefined;
}

export interface Activity {
  /** The selected records (and, when following, those of every derived credential), in time order. */
  records: TrailRecord[];
  chain: CredentialChain;
  /** Records per region and hour (`YYYY-MM-DDTHH`) over everything read: the basis for gaps. */
  hours: Map<string, Map<string, number>>;
  trail: TrailSummary;
  /** How many times the sources were read (2 when derived credentials had to be looked up). */
  passes: number;
}

function addTally(into: Map<string, Map<string, number>>, tally: HourTally): void {
  for (const [key, count] of tally) {
    const [region = '', hour = ''] = key.split('\u0000');
    const hours = into.get(region) ?? new Map<string, number>();
    hours.set(hour, (hours.get(hour) ?? 0) + count);
    into.set(region, hours);
  }
}

function originKey(r: TrailRecord): string {
  return `${r.origin.source}#${r.origin.index}`;
}

/**
 * Reads the sources for the selected activity: a first pass picks the selected records, the
 * credential-issuing calls and the hourly counts; when the selection's credentials were used to
 * issue others, a second pass picks the records of those derived keys and created users.
 * stdin cannot be read twice: with `-` among the sources, every record is kept and selected in memory.
 */
export async function gatherActivity(
  sources: readonly string[],
  selection: Selection,
  options: GatherOptions = {},
): Promise<Activity> {
  const follow = options.follow ?? true;
  const { follow: _f, since, until, ...read } = options;
  const everything = sources.includes('-');
  const hours = new Map<string, Map<string, number>>();
  const kept = new Map<string, TrailRecord>();
  const issuing: TrailRecord[] = [];
  const first = readTrail<ActivityMatch>(sources, {
    ...read,
    matcher: activityMatcherSpec({ selection, issuance: follow, hours: true, everything, since, until }),
  });
  const all: TrailRecord[] = [];
  for await (const event of first) {
    if (event.kind === 'blob-done' && Array.isArray(event.aggregate))
      addTally(hours, event.aggregate as HourTally);
    if (event.kind !== 'match') continue;
    const row = { record: event.value.record, origin: event.origin };
    if (everything) all.push(row);
    if (event.value.selected) kept.set(originKey(row), row);
    else if (!everything) issuing.push(row);
  }
  const inWindow = (row: TrailRecord) => {
    const t = Date.parse(row.record.eventTime);
    return !(since !== undefined && t < since) && !(until !== undefined && t > until);
  };
  if (everything)
    for (const row of all) if (inWindow(row) && selects(row.record, selection)) kept.set(originKey(row), row);
  const pool = everything ? all : [...kept.values(), ...issuing];
  const chain = follow
    ? followCredentials(
        pool.map((r) => r.record),
        selection,
      )
    : {
        seedKeys: selection.accessKeys ?? [],
        keys: selection.accessKeys ?? [],
        users: [],
        links: [],
        origins: [],
      };
  // How the starting credentials were issued belongs to their story (an AssumeRole by EC2, a CreateAccessKey).
  const seeds = new Set(chain.seedKeys);
  for (const row of pool) {
    const issued = issuedCredentials(row.record);
    if (issued && seeds.has(issued.accessKeyId) && inWindow(row)) kept.set(originKey(row), row);
  }
  const given = new Set(selection.accessKeys ?? []);
  const derived: Selection = { accessKeys: chain.keys.filter((k) => !given.has(k)), users: chain.users };
  let passes = 1;
  if (follow && (derived.accessKeys?.length || derived.users?.length)) {
    if (everything) {
      for (const row of all) if (inWindow(row) && selects(row.record, derived)) kept.set(originKey(row), row);
    } else {
      passes = 2;
      const second = readTrail<ActivityMatch>(sources, {
        ...read,
        onProgress: undefined,
        matcher: activityMatcherSpec({ selection: derived, since, until }),
      });
      for await (const event of second)
        if (event.kind === 'match') {
          const row = { record: event.value.record, origin: event.origin };
          kept.set(originKey(row), row);
        }
    }
  }
  const records = [...kept.values()].sort(
    (a, b) =>
      a.record.eventTime.localeCompare(b.record.eventTime) || originKey(a).localeCompare(originKey(b)),
  );
  return { records, chain, hours, trail: first.summary, passes };
}
