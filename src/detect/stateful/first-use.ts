import { isIP } from 'node:net';
import { type CloudTrailRecord, principalOf } from '../../trail/record.js';
import { BoundedMap } from './bounded.js';
import { DEFAULT_MAX_KEYS, defineStateful, type StatefulHit, statefulHit, timeOf } from './types.js';

const ID = 'garrison-aws-first-use-then-sensitive-call';
/** A sensitive call must follow the first use of the new IP or user agent within this time. */
const FOLLOW_MS = 60 * 60 * 1000;
/** Records of the principal seen before a new IP or agent counts as "new" (a baseline must exist). */
const MIN_HISTORY = 3;
const MAX_PER_PRINCIPAL = 64;

/** Calls that change who can do what, hide activity or read secrets: worth a look from an unfamiliar place. */
export const SENSITIVE = new Set([
  'CreateAccessKey',
  'CreateLoginProfile',
  'UpdateLoginProfile',
  'CreateUser',
  'AttachUserPolicy',
  'AttachRolePolicy',
  'AttachGroupPolicy',
  'PutUserPolicy',
  'PutRolePolicy',
  'PutGroupPolicy',
  'CreatePolicyVersion',
  'UpdateAssumeRolePolicy',
  'CreateRole',
  'AddUserToGroup',
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'DeleteDetector',
  'UpdateDetector',
  'DeleteFlowLogs',
  'PutBucketPolicy',
  'PutBucketAcl',
  'DeleteBucketPolicy',
  'PutBucketPublicAccessBlock',
  'DeletePublicAccessBlock',
  'GetSecretValue',
  'BatchGetSecretValue',
  'GetPasswordData',
  'ModifySnapshotAttribute',
  'ModifyImageAttribute',
  'ModifyDBSnapshotAttribute',
  'AuthorizeSecurityGroupIngress',
  'CreateKeyPair',
  'ImportKeyPair',
  'SendCommand',
  'StartSession',
  'GetFederationToken',
  'LeaveOrganization',
  'ScheduleKeyDeletion',
  'DisableKey',
]);

/** A user agent with its version numbers blurred, so an upgraded CLI is not a "new" agent. */
export function agentFamily(userAgent: string | undefined): string | undefined {
  if (!userAgent || /amazonaws\.com$|^AWS Internal/i.test(userAgent)) return undefined;
  return userAgent.replace(/\d+/g, '#').slice(0, 200);
}

/** A small insertion-ordered set that forgets its oldest member past the cap. */
function remember(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > MAX_PER_PRINCIPAL) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}

interface Familiar {
  history: number;
  ips: Set<string>;
  agents: Set<string>;
  /** New IPs / agents first seen in this window → when and in which event. */
  fresh: Map<string, { time: number; eventId: string | undefined }>;
}

/**
 * A principal's first use, within the hunted window, of a source IP or user agent it had not used
 * before, followed within an hour by a sensitive call from that IP or agent: the moment stolen
 * credentials change hands and the new holder acts.
 */
export const firstUseThenSensitiveCall = defineStateful(
  'src/detect/stateful/first-use.ts',
  {
    id: ID,
    title: 'Sensitive call from a source IP or user agent new for the principal',
    description: `A principal with an established history in the hunted window used a source IP or user agent it had not used before, and within ${FOLLOW_MS / 60000} minutes made a sensitive call (IAM changes, logging changes, secret reads, sharing, remote execution) from it. Credentials used by someone new.`,
    severity: 'medium',
    mitre: ['T1078.004', 'T1550.001'],
    guardduty: [
      'CredentialAccess:IAMUser/AnomalousBehavior',
      'DefenseEvasion:IAMUser/AnomalousBehavior',
      'Exfiltration:IAMUser/AnomalousBehavior',
      'Persistence:IAMUser/AnomalousBehavior',
      'PrivilegeEscalation:IAMUser/AnomalousBehavior',
    ],
    falsePositives: [
      'Administrators working from a new network (travel, VPN change)',
      'A CLI or SDK upgrade that changes the user agent',
    ],
    playbook: 'iam-user',
  },
  {
    eventNames: undefined,
    mightMatch: () => true,
    create(options = {}) {
      const principals = new BoundedMap<string, Familiar>(options.maxKeys ?? DEFAULT_MAX_KEYS);
      return {
        id: ID,
        size: () => principals.size,
        flush: () => [],
        observe(record: CloudTrailRecord): StatefulHit[] {
          if (record.userIdentity?.invokedBy) return [];
          const principal = principalOf(record);
          const state = principals.upsert(principal, () => ({
            history: 0,
            ips: new Set(),
            agents: new Set(),
            fresh: new Map(),
          }));
          const now = timeOf(record);
          const ip =
            record.sourceIPAddress && isIP(record.sourceIPAddress)
              ? `ip ${record.sourceIPAddress}`
              : undefined;
          const agent = agentFamily(record.userAgent);
          const marks = [ip, agent ? `agent ${agent}` : undefined].filter((m): m is string => !!m);
          for (const [mark, seen] of state.fresh) if (seen.time < now - FOLLOW_MS) state.fresh.delete(mark);
          for (const mark of marks) {
            const known = mark.startsWith('ip ') ? state.ips : state.agents;
            if (!known.has(mark) && state.history >= MIN_HISTORY && !state.fresh.has(mark)) {
              state.fresh.set(mark, { time: now, eventId: record.eventID });
              if (state.fresh.size > MAX_PER_PRINCIPAL)
                state.fresh.delete(state.fresh.keys().next().value as string);
            }
            remember(known, mark);
          }
          state.history++;
          if (!SENSITIVE.has(record.eventName)) return [];
          const fresh = marks.filter((m) => state.fresh.has(m));
          if (fresh.length === 0) return [];
          return [
            statefulHit(
              ID,
              record,
              `${record.eventName} from ${fresh.map((m) => m.replace(/^agent /, 'user agent ')).join(' and ')}, first used by this principal ${Math.round((now - Math.min(...fresh.map((m) => state.fresh.get(m)?.time ?? now))) / 60000)} min earlier`,
              fresh
                .map((m) => state.fresh.get(m)?.eventId)
                .filter((e): e is string => !!e && e !== record.eventID),
            ),
          ];
        },
      };
    },
  },
);
