import type { CloudTrailRecord } from '../../../trail/record.js';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const ADMIN_PORTS = [22, 3389];

interface Permission {
  ipProtocol?: unknown;
  fromPort?: unknown;
  toPort?: unknown;
  ipRanges?: unknown;
  ipv6Ranges?: unknown;
  cidrIp?: unknown;
}

/** The objects of an EC2 `{ items: [...] }` list; anything else (null, strings, numbers) is skipped. */
function itemsOf<T>(value: unknown): T[] {
  const items = value && typeof value === 'object' ? (value as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? (items.filter((i) => i && typeof i === 'object') as T[]) : [];
}

function exposesAdminAccess(p: Permission): boolean {
  const cidrs = [
    p.cidrIp,
    ...itemsOf<{ cidrIp?: unknown }>(p.ipRanges).map((r) => r.cidrIp),
    ...itemsOf<{ cidrIpv6?: unknown }>(p.ipv6Ranges).map((r) => r.cidrIpv6),
  ];
  if (!cidrs.some((c) => typeof c === 'string' && WORLD.has(c))) return false;
  if (String(p.ipProtocol) === '-1') return true;
  const from = Number(p.fromPort);
  const to = Number(p.toPort);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return false;
  return ADMIN_PORTS.some((port) => from <= port && port <= to);
}

/** True when an ingress rule opens SSH, RDP or all traffic to any IPv4 or IPv6 address. */
export function predicate(record: CloudTrailRecord): boolean {
  if (record.eventSource !== 'ec2.amazonaws.com' || record.eventName !== 'AuthorizeSecurityGroupIngress')
    return false;
  const request = (record.requestParameters ?? {}) as Permission & { ipPermissions?: unknown };
  return [request, ...itemsOf<Permission>(request.ipPermissions)].some(exposesAdminAccess);
}
