/**
 * What to contain, read from the hunt's findings: the instance whose role session was used (its
 * session name is the instance id), that role, and the IAM users that acted maliciously or that a
 * compromised principal created or armed. Names are checked against what AWS accepts, so a hostile
 * string in a record can never become a target.
 */

import { severityRank } from '../../detect/engine/detection.js';
import type { Finding } from '../../findings/finding.js';

export interface ContainmentTargets {
  instances: string[];
  roles: string[];
  users: string[];
  /** Why each target was chosen: the rules that named it. */
  reasons: Record<string, string[]>;
}

const ACCOUNT = '(\\d{12})';
const IAM_NAME = '([\\w+=,.@-]{1,64})';
const ASSUMED_ROLE = new RegExp(
  `^arn:aws[\\w-]*:sts::${ACCOUNT}:assumed-role/${IAM_NAME}/([\\w+=,.@-]{2,64})$`,
);
const IAM_USER = new RegExp(`^arn:aws[\\w-]*:iam::${ACCOUNT}:user/(?:[\\w+=,.@/-]*/)?${IAM_NAME}$`);
const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Rules whose resource user is one the attacker made or armed (not a user the attacker merely read). */
const USER_MADE_BY_ATTACKER = new Set([
  'garrison-aws-iam-access-key-created-for-other-user',
  'garrison-aws-iam-login-profile-created',
  'garrison-aws-iam-login-profile-updated-for-other-user',
  'garrison-aws-iam-admin-policy-attached',
]);

export function containmentTargets(
  findings: readonly Finding[],
  options: { minimumSeverity?: Finding['severity']; accountId?: string } = {},
): ContainmentTargets {
  const floor = severityRank(options.minimumSeverity ?? 'medium');
  const targets: ContainmentTargets = { instances: [], roles: [], users: [], reasons: {} };
  const add = (list: string[], kind: string, name: string, rule: string) => {
    if (!list.includes(name)) list.push(name);
    const key = `${kind}:${name}`;
    const why = targets.reasons[key] ?? [];
    if (!why.includes(rule)) why.push(rule);
    targets.reasons[key] = why;
  };
  const ours = (account: string | undefined) => !options.accountId || account === options.accountId;
  for (const f of findings) {
    if (severityRank(f.severity) < floor) continue;
    const session = ASSUMED_ROLE.exec(f.principal);
    if (session && ours(session[1])) {
      add(targets.roles, 'iam-role', session[2] as string, f.rule.id);
      if (INSTANCE_ID.test(session[3] as string))
        add(targets.instances, 'ec2', session[3] as string, f.rule.id);
    }
    const user = IAM_USER.exec(f.principal);
    if (user && ours(user[1])) add(targets.users, 'iam-user', user[2] as string, f.rule.id);
    if (USER_MADE_BY_ATTACKER.has(f.rule.id))
      for (const resource of f.resources) {
        const made = IAM_USER.exec(resource);
        if (made && ours(made[1])) add(targets.users, 'iam-user', made[2] as string, f.rule.id);
      }
  }
  return targets;
}
