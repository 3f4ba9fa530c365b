/**
 * People and their pipelines: console and CLI sessions through IAM Identity Center, break-glass
 * console sign-ins with MFA, Terraform in GitHub Actions, an on-premises backup job's old key.
 */
import { type Call, s3BucketCall } from './calls.js';
import { type Emitter, HOUR } from './emitter.js';
import { type EventSpec, type TrailEvent, tlsFor } from './event.js';
import { assumedRole, type Identity, iamDate, iamUser, ssoSession } from './identities.js';
import type { Person } from './organisation.js';
import { CONSOLE_BROWSERS, cliAgent, terraformAgent } from './user-agents.js';
import { objectKey, s3ObjectCall } from './workload-calls.js';

function personSession(kit: Emitter, person: Person, timeMs: number): Identity {
  const role = kit.org.ssoRoles[person.permissionSet];
  const session = kit.sessions.get(`sso:${person.email}`, timeMs, 8 * HOUR);
  return ssoSession({
    account: kit.org.account,
    permissionSet: person.permissionSet,
    roleSuffix: role.suffix,
    roleId: role.id,
    ssoRegion: kit.org.ssoRegion,
    user: person.email,
    accessKeyId: session.key,
    creationMs: session.creationMs,
  });
}

export function consoleHuman(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const person = kit.prng.pick(kit.org.people);
  const identity = personSession(kit, person, timeMs);
  const call = kit.humanCall(region, 0.03);
  const denied = kit.maybeDenied(identity, call, person.permissionSet === 'ReadOnlyAccess' ? 0.06 : 0.02);
  const agent =
    call.source === 's3.amazonaws.com' ? 'AWS Internal' : (CONSOLE_BROWSERS[person.browser] as string);
  return kit.emit(identity, call, region, timeMs, person.office, agent, { consoleSession: true, ...denied });
}

export function cliHuman(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const person = kit.prng.pick(kit.org.people);
  const identity = personSession(kit, person, timeMs);
  const call = kit.humanCall(region, 0.06);
  const denied = kit.maybeDenied(identity, call, 0.04);
  const agent = cliAgent(kit.prng, call.command ?? 'sts.get-caller-identity', person.os);
  return kit.emit(identity, call, region, timeMs, person.office, agent, denied);
}

const REPO = 'repo:example-org/infrastructure:ref:refs/heads/main';

/** Terraform plans and applies from GitHub Actions, through an OIDC web identity role. */
export function terraform(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const { org, prng } = kit;
  const session = kit.sessions.get('ci', timeMs, HOUR);
  const roleArn = `arn:aws:iam::${org.account}:role/${org.ciRole.name}`;
  const sessionName = `GitHubActions-${Math.floor(session.creationMs / HOUR) % 10_000_000}`;
  const ip = `4.${prng.between(148, 152)}.${prng.between(1, 254)}.${prng.between(1, 254)}`;
  if (prng.chance(0.04)) {
    const provider = `arn:aws:iam::${org.account}:oidc-provider/token.actions.githubusercontent.com`;
    const call: Call = {
      source: 'sts.amazonaws.com',
      name: 'AssumeRoleWithWebIdentity',
      readOnly: true,
      request: { roleArn, roleSessionName: sessionName, durationSeconds: 3600 },
      response: {
        credentials: {
          accessKeyId: session.key,
          sessionToken: kit.sessionToken(),
          expiration: iamDate(session.creationMs + HOUR),
        },
        subjectFromWebIdentityToken: REPO,
        provider,
        audience: 'sts.amazonaws.com',
      },
      resources: [{ accountId: org.account, type: 'AWS::IAM::Role', ARN: roleArn }],
    };
    const identity = {
      type: 'WebIdentityUser',
      principalId: `${provider}:sts.amazonaws.com:${REPO}`,
      userName: REPO,
      identityProvider: provider,
    };
    return kit.emit(identity, call, region, timeMs, ip, 'aws-sdk-js/2.1692.0 promise');
  }
  const identity = assumedRole({
    account: org.account,
    roleName: org.ciRole.name,
    roleId: org.ciRole.id,
    sessionName,
    accessKeyId: session.key,
    creationMs: session.creationMs,
    webIdentity: { provider: 'token.actions.githubusercontent.com' },
  });
  const call = kit.humanCall(region, 0.1);
  return kit.emit(identity, call, region, timeMs, ip, terraformAgent(call.source.split('.')[0] ?? 'ec2'));
}

/** A break-glass administrator signs in to the console with MFA (now and then mistypes). */
export function consoleLogin(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const person = kit.prng.pick(kit.admins);
  const user = person.iamUser as { name: string; id: string };
  const failed = kit.prng.chance(0.1);
  const call: Call = {
    source: 'signin.amazonaws.com',
    name: 'ConsoleLogin',
    readOnly: false,
    request: null,
    response: { ConsoleLogin: failed ? 'Failure' : 'Success' },
    additional: {
      LoginTo: `https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_${region}_${kit.prng.hex(8)}`,
      MobileVersion: 'No',
      MFAIdentifier: `arn:aws:iam::${kit.org.account}:mfa/${user.name}`,
      MFAUsed: 'Yes',
    },
  };
  const identity = iamUser({ account: kit.org.account, userName: user.name, userId: user.id });
  const extra: Partial<EventSpec> = {
    eventType: 'AwsConsoleSignIn',
    tls: tlsFor(kit.prng, 'signin.aws.amazon.com'),
  };
  if (failed) extra.error = { message: 'Failed authentication' };
  return kit.emit(
    identity,
    call,
    region,
    timeMs,
    person.office,
    CONSOLE_BROWSERS[person.browser] as string,
    extra,
  );
}

/** An on-premises backup job pushing dumps with a long-term access key. */
export function backupJob(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const u = kit.org.backupUser;
  const identity = iamUser({ account: kit.org.account, userName: u.name, userId: u.id, accessKeyId: u.key });
  const bucket = `${kit.org.account}-backups`;
  const call = kit.prng.chance(0.85)
    ? s3ObjectCall(kit.prng, kit.org, region, 'PutObject', bucket, objectKey(kit.prng))
    : s3BucketCall(kit.prng, kit.org, region, 'GetBucketLocation', bucket);
  return kit.emit(identity, call, region, timeMs, '198.51.100.200', cliAgent(kit.prng, 's3.cp', 'linux'));
}
