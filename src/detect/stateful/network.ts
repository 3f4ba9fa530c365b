import { BlockList, isIP } from 'node:net';

/**
 * Where a call came from, as far as a CloudTrail record can tell: an AWS service acting for the
 * caller, an address inside AWS (a VPC endpoint, a private or AWS-listed address), or the internet.
 */
export type Origin =
  | { kind: 'service'; name: string }
  | { kind: 'aws-internal'; network: string }
  | { kind: 'internet'; ip: string; network: string };

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['127.0.0.0', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');
PRIVATE.addSubnet('::1', 128, 'ipv6');

/** Builds the list of AWS networks from CIDR strings; malformed entries are returned, not thrown. */
export function awsNetworkList(cidrs: readonly string[] = []): { list: BlockList; rejected: string[] } {
  const list = new BlockList();
  const rejected: string[] = [];
  for (const cidr of cidrs) {
    const [address = '', bitsText = ''] = cidr.split('/');
    const family = isIP(address);
    const bits = Number(bitsText);
    if (!family || !/^\d+$/.test(bitsText) || bits > (family === 4 ? 32 : 128)) {
      rejected.push(cidr);
      continue;
    }
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { list, rejected };
}

/** The /24 (IPv4) or /48 (IPv6) an address belongs to: "the same network" for an analyst. */
export function networkOf(ip: string): string {
  if (isIP(ip) === 4) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  const groups = ip.toLowerCase().split(':');
  return `${groups.slice(0, 3).join(':')}::/48`;
}

/** Answers of addressOrigin per AWS network list (and without one), so each address is parsed once. */
const answers = new WeakMap<BlockList, Map<string, Origin | null>>();
const WITHOUT_RANGES = new BlockList();
const MAX_ANSWERS = 65_536;

/** Where an address is (null: not an address); kept per list, as the same addresses recur all along a trail. */
function addressOrigin(source: string, awsNetworks: BlockList | undefined): Origin | null {
  const list = awsNetworks ?? WITHOUT_RANGES;
  let known = answers.get(list);
  if (!known) {
    known = new Map();
    answers.set(list, known);
  }
  const answer = known.get(source);
  if (answer !== undefined) return answer;
  const family = isIP(source);
  let origin: Origin | null = null;
  if (family) {
    const type = family === 4 ? 'ipv4' : 'ipv6';
    origin =
      PRIVATE.check(source, type) || awsNetworks?.check(source, type)
        ? { kind: 'aws-internal', network: networkOf(source) }
        : { kind: 'internet', ip: source, network: networkOf(source) };
  }
  // Addresses are short; anything long (an attacker-chosen sourceIPAddress) is not remembered.
  if (source.length <= 64) {
    if (known.size >= MAX_ANSWERS) known.clear();
    known.set(source, origin);
  }
  return origin;
}

/** Where a call came from. The answer may be shared between calls: do not change it. */
export function originOf(
  sourceIPAddress: string | undefined,
  options: { vpcEndpointId?: string | undefined; invokedBy?: string | undefined; awsNetworks?: BlockList },
): Origin {
  if (options.invokedBy) return { kind: 'service', name: options.invokedBy };
  const source = sourceIPAddress ?? '';
  const address = addressOrigin(source, options.awsNetworks);
  if (!address) return { kind: 'service', name: source || 'unknown' };
  if (options.vpcEndpointId) return { kind: 'aws-internal', network: options.vpcEndpointId };
  return address;
}

/**
 * The CIDRs of AWS's published ip-ranges.json (https://ip-ranges.amazonaws.com/ip-ranges.json) for
 * the given services (default: every AWS address), as StatefulOptions.awsNetworks wants them.
 * Entries of the wrong shape are skipped; a document that is not ip-ranges.json gives [].
 */
export function awsNetworksFromIpRanges(
  document: unknown,
  services: readonly string[] = ['AMAZON'],
): string[] {
  if (!document || typeof document !== 'object') return [];
  const { prefixes, ipv6_prefixes: prefixes6 } = document as { prefixes?: unknown; ipv6_prefixes?: unknown };
  const wanted = new Set(services);
  const cidrs = new Set<string>();
  for (const [list, field] of [
    [prefixes, 'ip_prefix'],
    [prefixes6, 'ipv6_prefix'],
  ] as const) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const cidr = (entry as Record<string, unknown> | null)?.[field];
      const service = (entry as Record<string, unknown> | null)?.service;
      if (typeof cidr === 'string' && typeof service === 'string' && wanted.has(service)) cidrs.add(cidr);
    }
  }
  return [...cidrs];
}
