import type { CloudTrailRecord } from '../../trail/record.js';
import { instanceSessionOf } from '../rules/instance-session.js';
import { BoundedMap } from './bounded.js';
import { awsNetworkList, originOf } from './network.js';
import { DEFAULT_MAX_KEYS, defineStateful, type StatefulHit, statefulHit, timeOf } from './types.js';

const ID = 'garrison-aws-instance-credentials-used-outside-aws';
/** Instance profile credentials live at most 6 hours (typically ~1 h), so "at once" means within that. */
const SESSION_WINDOW_MS = 6 * 60 * 60 * 1000;
const MAX_NETWORKS = 8;

/**
 * Clients that do not run on an EC2 instance: a Mac's AWS CLI or SDK (`Darwin/…`, `os/macos`) or a
 * penetration-testing distribution. Seen with an instance's credentials, the credentials left it.
 */
export const FOREIGN_CLIENT = /(^|[^a-z])(darwin|macos|kali|parrot|pentoo)([^a-z]|$)/i;

interface Session {
  instance: string;
  /** Network → first and last time seen, and the first event seen from it (insertion order = first seen). */
  networks: Map<string, { first: number; last: number; eventId: string | undefined }>;
}

/**
 * GuardDuty's InstanceCredentialExfiltration, from logs: credentials of an EC2 instance role (a
 * session named after the instance id) used from the internet outside AWS (when AWS address ranges
 * are supplied), from a client that is not an instance (a Mac, Kali), or from two networks at once.
 */
export const instanceCredentialsUsedOutsideAws = defineStateful(
  'src/detect/stateful/instance-credentials.ts',
  {
    id: ID,
    title: 'EC2 instance credentials used outside the instance',
    description:
      'Temporary credentials of an EC2 instance role (an assumed-role session named after the instance id) were used from an address outside the AWS ranges supplied, from a client that does not run on an instance (macOS, Kali, Parrot, Pentoo), or from a second network while the first was still using them: someone took them from the instance metadata service (SSRF, a compromised process) and uses them elsewhere. Without AWS ranges, the instance’s own public address is not flagged by itself.',
    severity: 'high',
    mitre: ['T1552.005', 'T1078.004'],
    stratus: ['aws.credential-access.ec2-steal-instance-credentials'],
    guardduty: [
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS',
    ],
    falsePositives: [
      'An instance whose public address changes (stop/start, a NAT gateway change) within the credential lifetime',
      'EC2 Mac instances (macOS user agents)',
    ],
    playbook: 'ec2',
  },
  {
    eventNames: undefined,
    // Instance sessions carry the instance id after the role id in principalId ("AROA…:i-0abc…").
    // The session name of an instance role's credentials is the instance id (see instanceSessionOf).
    mightMatch: (peek) =>
      peek.field('userIdentity.arn').some((arn) => arn.includes('/i-')) ||
      peek.field('userIdentity.principalId').some((id) => id.includes(':i-')),
    wants: (record) => instanceSessionOf(record) !== undefined,
    create(options = {}) {
      const sessions = new BoundedMap<string, Session>(options.maxKeys ?? DEFAULT_MAX_KEYS);
      const ranges = options.awsNetworks?.length ? awsNetworkList(options.awsNetworks).list : undefined;
      return {
        id: ID,
        size: () => sessions.size,
        flush: () => [],
        observe(record: CloudTrailRecord): StatefulHit[] {
          const instance = instanceSessionOf(record);
          if (!instance) return [];
          const who = record.userIdentity;
          const origin = originOf(record.sourceIPAddress, {
            vpcEndpointId: record.vpcEndpointId,
            invokedBy: who?.invokedBy,
            ...(ranges ? { awsNetworks: ranges } : {}),
          });
          if (origin.kind === 'service') return [];
          const session = sessions.upsert(who?.accessKeyId ?? who?.arn ?? instance, () => ({
            instance,
            networks: new Map(),
          }));
          const now = timeOf(record);
          for (const [network, seen] of session.networks)
            if (seen.last < now - SESSION_WINDOW_MS) session.networks.delete(network);
          const seen = session.networks.get(origin.network);
          session.networks.set(origin.network, {
            first: seen?.first ?? now,
            last: Math.max(now, seen?.last ?? now),
            eventId: seen?.eventId ?? record.eventID,
          });
          while (session.networks.size > MAX_NETWORKS)
            session.networks.delete(session.networks.keys().next().value as string);

          const where = origin.kind === 'internet' ? origin.ip : origin.network;
          if (origin.kind === 'internet' && ranges)
            return [
              statefulHit(
                ID,
                record,
                `credentials of ${instance} used from ${where}, outside the AWS ranges`,
              ),
            ];
          const agent = record.userAgent ?? '';
          const client = FOREIGN_CLIENT.exec(agent)?.[2];
          if (origin.kind === 'internet' && client)
            return [
              statefulHit(
                ID,
                record,
                `credentials of ${instance} used from ${where} by a ${client.toLowerCase()} client, not an instance`,
              ),
            ];
          const home = [...session.networks.entries()].find(([, s]) => s.first <= now);
          if (!home || home[0] === origin.network) return [];
          return [
            statefulHit(
              ID,
              record,
              `credentials of ${instance} used from ${where} while also in use from ${home[0]}`,
              home[1].eventId ? [home[1].eventId] : [],
            ),
          ];
        },
      };
    },
  },
);
