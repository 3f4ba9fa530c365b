/**
 * CloudTrail's delivered layout, as in an S3 bucket or a downloaded copy of one:
 * `[prefix/]AWSLogs/[o-<org>/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>.json.gz`.
 * Knowing it lets garrison skip whole accounts, regions and days before downloading anything.
 */

/** What a read is restricted to; each part is optional. Days are compared in UTC. */
export interface TrailScope {
  since?: Date | undefined;
  until?: Date | undefined;
  /** 12-digit account ids. */
  accounts?: readonly string[] | undefined;
  regions?: readonly string[] | undefined;
}

/** Where a key sits in the layout, from what its path says. */
export interface DeliveredKey {
  org?: string;
  account: string;
  /** `CloudTrail`, `CloudTrail-Digest`, `CloudTrail-Insight`. */
  kind: string;
  region: string;
  /** `yyyy-mm-dd` of the delivery folder. */
  day: string;
}

const KEY =
  /(?:^|\/)AWSLogs\/(?:(o-[a-z0-9]+)\/)?(\d{12})\/(CloudTrail[A-Za-z-]*)\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\//;

export function parseDeliveredKey(key: string): DeliveredKey | undefined {
  const m = KEY.exec(key.replaceAll('\\', '/'));
  if (!m) return undefined;
  const parsed: DeliveredKey = { account: m[2]!, kind: m[3]!, region: m[4]!, day: `${m[5]}-${m[6]}-${m[7]}` };
  if (m[1]) parsed.org = m[1];
  return parsed;
}

const DAY_MS = 86_400_000;

/** The delivery folders that can hold records of [since, until]: one day of margin each side for delivery lag and clock skew. */
export function dayWindow(scope: TrailScope): { first?: string; last?: string } {
  const window: { first?: string; last?: string } = {};
  if (scope.since) window.first = isoDay(new Date(scope.since.getTime() - DAY_MS));
  if (scope.until) window.last = isoDay(new Date(scope.until.getTime() + DAY_MS));
  return window;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** False when a file at this location cannot hold records in scope; files outside the layout are kept. */
export function locationInScope(location: string, scope: TrailScope): boolean {
  const key = parseDeliveredKey(location);
  if (!key) return true;
  if (key.kind !== 'CloudTrail') return false;
  if (scope.accounts?.length && !scope.accounts.includes(key.account)) return false;
  if (scope.regions?.length && !scope.regions.includes(key.region)) return false;
  const { first, last } = dayWindow(scope);
  if (first && key.day < first) return false;
  if (last && key.day > last) return false;
  return true;
}

/** The levels of folders under `AWSLogs/`, in order. */
export type LayoutLevel = 'outside' | 'account' | 'service' | 'region' | 'year' | 'month' | 'day' | 'files';

/** The level of the folders listed directly under `prefix` (its text up to the last `/`). */
export function levelUnder(prefix: string): LayoutLevel {
  const parts = prefix.split('/').slice(0, -1);
  const at = parts.lastIndexOf('AWSLogs');
  if (at < 0) return 'outside';
  let rest = parts.slice(at + 1);
  if (rest[0]?.startsWith('o-')) rest = rest.slice(1);
  const order: LayoutLevel[] = ['account', 'service', 'region', 'year', 'month', 'day', 'files'];
  return order[Math.min(rest.length, order.length - 1)]!;
}

/**
 * Whether to descend into folder `name` found at `level`: accounts, the CloudTrail service folder
 * (not Digest or Insight), regions and dates in scope. At `outside`, every folder is followed.
 */
export function followFolder(level: LayoutLevel, name: string, path: string, scope: TrailScope): boolean {
  const { first, last } = dayWindow(scope);
  switch (level) {
    case 'outside':
      return true;
    case 'account':
      if (/^o-[a-z0-9]+$/.test(name)) return true;
      return !scope.accounts?.length || scope.accounts.includes(name);
    case 'service':
      return name === 'CloudTrail';
    case 'region':
      return !scope.regions?.length || scope.regions.includes(name);
    case 'year':
    case 'month':
    case 'day': {
      const date = datePart(path);
      if (!date) return true;
      return (!first || date >= first.slice(0, date.length)) && (!last || date <= last.slice(0, date.length));
    }
    case 'files':
      return true;
  }
}

/**
 * Whether folders under this level can still be pruned; when not, one flat listing (1,000 keys a
 * call) is cheaper than a call per folder.
 */
export function prunesBelow(level: LayoutLevel, scope: TrailScope): boolean {
  const dates = Boolean(scope.since || scope.until);
  const accounts = Boolean(scope.accounts?.length);
  const regions = Boolean(scope.regions?.length);
  switch (level) {
    case 'outside':
    case 'account':
      return accounts || regions || dates;
    case 'service':
    case 'region':
      return regions || dates;
    case 'year':
    case 'month':
    case 'day':
      return dates;
    case 'files':
      return false;
  }
}

/** The longest window whose day folders are listed one by one instead of walking years and months. */
const MAX_LISTED_DAYS = 31;

/** The `yyyy/mm/dd/` folders of a bounded, short window (with its margin), or undefined. */
export function dayFolders(scope: TrailScope): string[] | undefined {
  const { first, last } = dayWindow(scope);
  if (!first || !last || first > last) return first && last ? [] : undefined;
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) {
    if (days.length >= MAX_LISTED_DAYS) return undefined;
    days.push(`${new Date(t).toISOString().slice(0, 10).replaceAll('-', '/')}/`);
  }
  return days;
}

/** `yyyy`, `yyyy-mm` or `yyyy-mm-dd` from the date folders at the end of a path. */
function datePart(path: string): string | undefined {
  const m = /\/(\d{4})\/(?:(\d{2})\/(?:(\d{2})\/)?)?$/.exec(path);
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

/** CloudTrail log files: `.json` or `.json.gz` (other objects in a log bucket are not trail records). */
export function looksLikeTrailFile(key: string): boolean {
  return /\.json(\.gz)?$/i.test(key) && !/CloudTrail-Digest/.test(key);
}
