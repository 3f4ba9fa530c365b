import type { CloudTrailRecord } from '../trail/record.js';
import { createdUser, type IssuedCredentials, issuedCredentials } from './credentials.js';
import { type Selection, selects } from './selection.js';

/** One hop of a credential chain: credentials issued to an identity already in the chain. */
export interface ChainLink extends IssuedCredentials {
  /** 1 for credentials issued by the starting identity, 2 for those issued by a hop-1 session, … */
  depth: number;
}

export interface CredentialChain {
  /** The starting access keys: given, or used by the selected records (ips, principals, sessions). */
  seedKeys: string[];
  /** Every access key in the chain: the seeds and every key derived from them. */
  keys: string[];
  /** IAM users created by an identity in the chain (their later sign-ins belong to it too). */
  users: string[];
  /** Derived credentials, in the order they were issued. */
  links: ChainLink[];
  /** How the starting keys were issued, when the records show it (the upstream of the chain). */
  origins: IssuedCredentials[];
}

interface Issuing {
  record: CloudTrailRecord;
  issued?: IssuedCredentials | undefined;
  user?: string | undefined;
}

/**
 * Follows credentials from a starting selection: a call by a key in the chain (or by a selected
 * principal, or by a user the chain created) that hands out new credentials (AssumeRole*,
 * GetSessionToken, GetFederationToken, CreateAccessKey) adds the new access key id from its
 * responseElements to the chain, recursively, as does CreateUser its user. Pure: over records given.
 */
export function followCredentials(records: Iterable<CloudTrailRecord>, seed: Selection): CredentialChain {
  const seedKeys = new Set<string>(seed.accessKeys ?? []);
  for (const s of seed.sessions ?? []) if (/^A[SK]IA[A-Z0-9]{8,}$/.test(s)) seedKeys.add(s);
  const issuing: Issuing[] = [];
  const principalSeed: Selection = {
    principals: seed.principals,
    ips: seed.ips,
    sessions: seed.sessions,
    resources: undefined,
  };
  const seedWithoutResources = [seed.principals, seed.ips, seed.sessions].some((v) => v?.length);
  for (const record of records) {
    const key = record.userIdentity?.accessKeyId;
    if (key && seedWithoutResources && selects(record, principalSeed)) seedKeys.add(key);
    const issued = issuedCredentials(record);
    const user = createdUser(record);
    if (issued || user) issuing.push({ record, issued, user });
  }
  issuing.sort((a, b) => a.record.eventTime.localeCompare(b.record.eventTime));
  const depth = new Map<string, number>([...seedKeys].map((k) => [k, 0]));
  const users = new Map<string, number>();
  const links: ChainLink[] = [];
  const linked = new Set<IssuedCredentials>();
  const origins = issuing.flatMap((i) => (i.issued && seedKeys.has(i.issued.accessKeyId) ? [i.issued] : []));
  for (let changed = true; changed; ) {
    changed = false;
    for (const item of issuing) {
      const parent = parentDepth(item.record, depth, users, seed);
      if (parent === undefined) continue;
      if (item.user && !users.has(item.user)) {
        users.set(item.user, parent + 1);
        changed = true;
      }
      const issued = item.issued;
      if (issued && !linked.has(issued) && !depth.has(issued.accessKeyId)) {
        linked.add(issued);
        depth.set(issued.accessKeyId, parent + 1);
        links.push({ ...issued, depth: parent + 1 });
        changed = true;
      }
    }
  }
  links.sort((a, b) => a.time.localeCompare(b.time) || a.depth - b.depth);
  return { seedKeys: [...seedKeys], keys: [...depth.keys()], users: [...users.keys()], links, origins };
}

/** The chain depth of the identity that made the call, or undefined when it is not in the chain. */
function parentDepth(
  record: CloudTrailRecord,
  keys: ReadonlyMap<string, number>,
  users: ReadonlyMap<string, number>,
  seed: Selection,
): number | undefined {
  const who = record.userIdentity;
  const key = who?.accessKeyId;
  if (key && keys.has(key)) return keys.get(key);
  if (who?.type === 'IAMUser' && who.userName && users.has(who.userName)) return users.get(who.userName);
  if (seed.principals?.length && selects(record, { principals: seed.principals })) return 0;
  return undefined;
}
