import type { GuardDutyFinding } from '../../guardduty/schema.js';

/** Facts of a finding's resource that containment needs, read defensively (fields are optional). */

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
/** IAM user and role names: what IAM accepts, so an odd name in a finding never becomes a target. */
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

/** The instance the finding is about, or the instance behind a role session named after it. */
export function instanceOf(f: GuardDutyFinding): string | undefined {
  const id = f.resource.instanceDetails?.instanceId;
  if (id && INSTANCE_ID.test(id)) return id;
  // Instance role sessions are named after the instance: principalId "AROA...:i-0abc...".
  const session = f.resource.accessKeyDetails?.principalId?.split(':')[1];
  return session && INSTANCE_ID.test(session) ? session : undefined;
}

/**
 * The IAM role an instance's credentials belong to: the assumed role's name (accessKeyDetails.userName
 * when userType is AssumedRole), else the instance profile's name (often, not always, the role's name).
 */
export function instanceRoleOf(f: GuardDutyFinding): { role: string; fromProfile: boolean } | undefined {
  const key = f.resource.accessKeyDetails;
  if (key?.userType === 'AssumedRole' && key.userName && IAM_NAME.test(key.userName))
    return { role: key.userName, fromProfile: false };
  const profile = f.resource.instanceDetails?.iamInstanceProfile?.arn;
  const name = profile?.match(/:instance-profile\/(?:.*\/)?([\w+=,.@-]{1,128})$/)?.[1];
  return name ? { role: name, fromProfile: true } : undefined;
}

export type Principal =
  | { kind: 'iam-user'; target: string; userName: string }
  | { kind: 'iam-role'; target: string }
  | { kind: 'root' }
  | { kind: 'invalid-name' }
  | { kind: 'other'; userType: string };

/** The principal whose credentials acted: an IAM user (by long-term key when known), a role, root. */
export function principalOf(f: GuardDutyFinding): Principal | undefined {
  const key = f.resource.accessKeyDetails;
  if (!key) return undefined;
  const type = key.userType ?? '';
  if (type === 'Root') return { kind: 'root' };
  if ((type === 'IAMUser' || type === 'AssumedRole') && key.userName && !IAM_NAME.test(key.userName))
    return { kind: 'invalid-name' };
  if (type === 'IAMUser' && key.userName && IAM_NAME.test(key.userName)) {
    // A long-term key (AKIA) is contained precisely; a session key (ASIA) through its user.
    const target = /^AKIA[A-Z0-9]{12,124}$/.test(key.accessKeyId ?? '')
      ? (key.accessKeyId as string)
      : key.userName;
    return { kind: 'iam-user', target, userName: key.userName };
  }
  if (type === 'AssumedRole' && key.userName && IAM_NAME.test(key.userName))
    return { kind: 'iam-role', target: key.userName };
  return { kind: 'other', userType: (type || 'unknown').slice(0, 40) };
}

/** The buckets named in the finding. */
export function bucketsOf(f: GuardDutyFinding): string[] {
  return [...new Set((f.resource.s3BucketDetails ?? []).map((b) => b.name).filter((n): n is string => !!n))];
}
