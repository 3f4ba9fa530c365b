import type { CloudTrailRecord } from '../../trail/record.js';
import { instanceSessionOf } from '../rules/instance-session.js';
import { BoundedMap } from './bounded.js';
import { awsNetworkList, originOf } from './network.js';
import { DEFAULT_MAX_KEYS, defineStateful, type StatefulHit, statefulHit, timeOf } from './types.js';

const ID = 'garrison-aws-instance-credentials-used-outside-aws';
/** Instance profile credentials live at most 6 hours (typically ~1 h), so "at once" means within that. */
const SESSION_WINDOW_MS = 6 * 60 * 60 * 1000;
const MAX_NETWORKS = 8;

interface Session {
  instance: string;
  /** Network → last time seen and the event that first showed it. */
  networks: Map<string, { last: number; eventId: string | undefined }>;
  reportedOutside: Set<string>;
}

/**
 * GuardDuty's InstanceCredentialExfiltration, from logs: credentials of an EC2 instance role
 * (a session named after the instance id) used from the internet rather than from inside AWS,
 * or from two different networks within a credential lifetime.
 */
export const instanceCredentialsUsedOutsideAws = defineStateful(
  'src/detect/stateful/instance-credentials.ts',
  {
    id: ID,
    title: 'EC2 instance credentials used outside the instance',
    description:
      'Temporary credentials of an EC2 instance role (an assumed-role session named after the instance id) were used from an internet address outside AWS, or from two different networks within one credential lifetime: someone took them from the instance metadata service (SSRF, a compromised process) and uses them elsewhere.',
    severity: 'high',
    mitre: ['T1552.005', 'T1078.004'],
    stratus: ['aws.credential-access.ec2-steal-instance-credentials'],
    guardduty: [
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS',
    ],
    falsePositives: [
      'Instances with a public IP calling public endpoints, when AWS address ranges are not supplied (awsNetworks)',
      'Instances behind a NAT gateway whose address changes',
    ],
    playbook: 'ec2',
  },
  {
    eventNames: undefined,
    // Instance sessions carry the instance id after the role id in principalId ("AROA…:i-0abc…").
    mightMatch: (peek) => peek.contains(':i-'),
    create(options = {}) {
      const sessions = new BoundedMap<string, Session>(options.maxKeys ?? DEFAULT_MAX_KEYS);
      const awsNetworks = awsNetworkList(options.awsNetworks).list;
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
            awsNetworks,
          });
          if (origin.kind === 'service') return [];
          const key = who?.accessKeyId ?? who?.arn ?? instance;
          const session = sessions.upsert(key, () => ({
            instance,
            networks: new Map(),
            reportedOutside: new Set(),
          }));
          const now = timeOf(record);
          for (const [network, seen] of session.networks)
            if (seen.last < now - SESSION_WINDOW_MS) session.networks.delete(network);
          const hits: StatefulHit[] = [];
          const others = [...session.networks.entries()].filter(([n]) => n !== origin.network);
          if (origin.kind === 'internet') {
            const first = !session.reportedOutside.has(origin.network);
            session.reportedOutside.add(origin.network);
            if (session.reportedOutside.size > MAX_NETWORKS) session.reportedOutside.clear();
            hits.push(
              statefulHit(
                ID,
                record,
                `credentials of ${instance} used from ${origin.ip}, outside AWS${first ? '' : ' (again)'}`,
              ),
            );
          } else if (others.length > 0 && !session.networks.has(origin.network)) {
            hits.push(
              statefulHit(
                ID,
                record,
                `credentials of ${instance} used from ${origin.network} while also in use from ${others.map(([n]) => n).join(', ')}`,
                others.map(([, s]) => s.eventId).filter((e): e is string => !!e),
              ),
            );
          }
          const known = session.networks.get(origin.network);
          session.networks.set(origin.network, { last: now, eventId: known?.eventId ?? record.eventID });
          if (session.networks.size > MAX_NETWORKS) {
            const oldest = session.networks.keys().next().value;
            if (oldest !== undefined) session.networks.delete(oldest);
          }
          return hits;
        },
      };
    },
  },
);
