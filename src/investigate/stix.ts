import { createHash } from 'node:crypto';
import type { Ioc } from './iocs.js';

/** garrison's namespace for deterministic STIX identifiers (UUIDv5). */
const NAMESPACE = 'b6f1c3a2-4e5d-5f60-8a7b-9c0d1e2f3a4b';

/** A UUIDv5 (RFC 9562) from a name: the same indicator gets the same id in every bundle. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A string literal in a STIX pattern: backslash and single quote escaped (STIX 2.1 §9.2). */
export function stixString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The STIX pattern that matches an indicator. */
export function stixPattern(ioc: Pick<Ioc, 'kind' | 'value'>): string {
  const v = stixString(ioc.value);
  switch (ioc.kind) {
    case 'ipv4':
      return `[ipv4-addr:value = ${v}]`;
    case 'ipv6':
      return `[ipv6-addr:value = ${v}]`;
    case 'access-key':
    case 'principal':
      return `[user-account:user_id = ${v}]`;
    case 'user-agent':
      return `[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = ${v}]`;
    case 'resource':
      return `[x-aws-resource:arn = ${v}]`;
  }
}

function stixTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? new Date(0).toISOString() : new Date(t).toISOString();
}

const LABEL: Record<Ioc['kind'], string> = {
  ipv4: 'source IP',
  ipv6: 'source IP',
  'access-key': 'access key id',
  principal: 'AWS principal',
  'user-agent': 'user agent',
  resource: 'AWS resource',
};

/**
 * A STIX 2.1 bundle: the producer (garrison, an identity of class system) and one indicator per
 * IOC, with a STIX pattern, valid_from its first sighting, and its sightings in the description.
 */
export function stixBundle(iocs: readonly Ioc[], options: { now?: Date; context?: string } = {}): object {
  const created = (options.now ?? new Date()).toISOString();
  const identityId = `identity--${uuidV5('garrison')}`;
  const identity = {
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: 'garrison',
    identity_class: 'system',
    description: 'garrison, incident response for AWS',
  };
  const indicators = iocs.map((ioc) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${uuidV5(`${options.context ?? ''}\u0000${ioc.kind}\u0000${ioc.value}`)}`,
    created_by_ref: identityId,
    created,
    modified: created,
    name: `${LABEL[ioc.kind]} ${ioc.value}`.slice(0, 250),
    description: `seen ${ioc.count} time(s) in CloudTrail from ${ioc.first} to ${ioc.last}`,
    indicator_types: ['malicious-activity'],
    pattern: stixPattern(ioc),
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: stixTime(ioc.first),
    labels: [ioc.kind],
  }));
  return {
    type: 'bundle',
    id: `bundle--${uuidV5(`bundle\u0000${options.context ?? ''}\u0000${created}`)}`,
    objects: [identity, ...indicators],
  };
}
