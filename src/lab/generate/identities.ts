/**
 * The `userIdentity` blocks CloudTrail writes, in the service's own field order, and the
 * well-formed but obviously fake ids they carry (every key id contains `EXAMPLE`).
 */
import type { Prng } from './prng.js';

export type Identity = Record<string, unknown>;

/** An access key id: `AKIA` (long-term) or `ASIA` (temporary) + 9 random + `EXAMPLE` (20 chars). */
export function accessKeyId(prng: Prng, kind: 'AKIA' | 'ASIA'): string {
  return `${kind}${prng.chars(9)}EXAMPLE`;
}

/** A unique id as IAM makes them: `AIDA` (user), `AROA` (role) + 17 characters. */
export function uniqueId(prng: Prng, kind: 'AIDA' | 'AROA' | 'AIPA'): string {
  return `${kind}${prng.chars(10)}EXAMPLE`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How IAM and STS write dates inside responseElements: `Nov 27, 2026, 6:02:11 PM`. */
export function iamDate(ms: number): string {
  const d = new Date(ms);
  const month = MONTHS[d.getUTCMonth()];
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hour12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

const DAY = 86_400_000;
const dayPrefixes = new Map<number, string>();
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** CloudTrail's time format: ISO 8601 in UTC, whole seconds (`2026-11-19T14:07:00Z`). */
export function trailTime(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    if (dayPrefixes.size > 1000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const seconds = Math.floor((ms - day * DAY) / 1000);
  return `${prefix}${TWO[Math.floor(seconds / 3600)]}:${TWO[Math.floor(seconds / 60) % 60]}:${TWO[seconds % 60]}Z`;
}

export interface IamUserIdentity {
  account: string;
  userName: string;
  userId: string;
  /** Present for API calls (AKIA for CLI keys, ASIA for a console session); absent for ConsoleLogin. */
  accessKeyId?: string;
  /** A console session: adds sessionContext with its creation time and MFA flag. */
  console?: { creationMs: number; mfa: boolean };
}

export function iamUser(u: IamUserIdentity): Identity {
  const identity: Identity = {
    type: 'IAMUser',
    principalId: u.userId,
    arn: `arn:aws:iam::${u.account}:user/${u.userName}`,
    accountId: u.account,
  };
  if (u.accessKeyId) identity.accessKeyId = u.accessKeyId;
  identity.userName = u.userName;
  if (u.console) {
    identity.sessionContext = {
      sessionIssuer: {},
      webIdFederationData: {},
      attributes: { creationDate: trailTime(u.console.creationMs), mfaAuthenticated: String(u.console.mfa) },
    };
  }
  return identity;
}

export interface RoleSession {
  account: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  accessKeyId: string;
  creationMs: number;
  mfa?: boolean;
  /** IAM path of the role, `/` by default; SSO roles live under `/aws-reserved/sso.amazonaws.com/<region>/`. */
  path?: string;
  /** Credentials delivered by the EC2 instance metadata service (session name = instance id). */
  ec2?: boolean;
  /** An AWS service acting with this role (service-linked roles): `autoscaling.amazonaws.com`. */
  invokedBy?: string;
  /** Web identity federation (GitHub Actions OIDC and the like). */
  webIdentity?: { provider: string };
  sourceIdentity?: string;
}

export function assumedRole(r: RoleSession): Identity {
  const path = r.path ?? '/';
  const issuer = {
    type: 'Role',
    principalId: r.roleId,
    arn: `arn:aws:iam::${r.account}:role${path}${r.roleName}`,
    accountId: r.account,
    userName: r.roleName,
  };
  const context: Record<string, unknown> = {
    sessionIssuer: issuer,
    webIdFederationData: r.webIdentity ? { federatedProvider: r.webIdentity.provider, attributes: {} } : {},
    attributes: { creationDate: trailTime(r.creationMs), mfaAuthenticated: String(r.mfa ?? false) },
  };
  if (r.sourceIdentity) context.sourceIdentity = r.sourceIdentity;
  if (r.ec2) context.ec2RoleDelivery = '2.0';
  const identity: Identity = {
    type: 'AssumedRole',
    principalId: `${r.roleId}:${r.sessionName}`,
    arn: `arn:aws:sts::${r.account}:assumed-role/${r.roleName}/${r.sessionName}`,
    accountId: r.account,
    accessKeyId: r.accessKeyId,
    sessionContext: context,
  };
  if (r.invokedBy) identity.invokedBy = r.invokedBy;
  return identity;
}

/** An IAM Identity Center (SSO) session: the permission set's reserved role, session name = the person. */
export function ssoSession(s: {
  account: string;
  permissionSet: string;
  roleSuffix: string;
  roleId: string;
  ssoRegion: string;
  user: string;
  accessKeyId: string;
  creationMs: number;
}): Identity {
  return assumedRole({
    account: s.account,
    roleName: `AWSReservedSSO_${s.permissionSet}_${s.roleSuffix}`,
    roleId: s.roleId,
    sessionName: s.user,
    accessKeyId: s.accessKeyId,
    creationMs: s.creationMs,
    path: `/aws-reserved/sso.amazonaws.com/${s.ssoRegion}/`,
  });
}

export function rootUser(
  account: string,
  key?: string,
  console?: { creationMs: number; mfa: boolean },
): Identity {
  const identity: Identity = {
    type: 'Root',
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
  };
  if (key) identity.accessKeyId = key;
  if (console) {
    identity.sessionContext = {
      sessionIssuer: {},
      webIdFederationData: {},
      attributes: { creationDate: trailTime(console.creationMs), mfaAuthenticated: String(console.mfa) },
    };
  }
  return identity;
}

/** An AWS service calling on its own behalf (e.g. EC2 fetching an instance role's credentials). */
export function awsService(invokedBy: string): Identity {
  return { type: 'AWSService', invokedBy };
}
