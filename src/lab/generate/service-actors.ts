/**
 * AWS services acting in the account: EC2 and Lambda fetching role credentials, AWS Config
 * describing everything, CloudTrail encrypting its own log files, the SSM agent checking in.
 */
import type { Call } from './calls.js';
import { configReads, type Emitter, HOUR } from './emitter.js';
import type { TrailEvent } from './event.js';
import { assumedRole, awsService, iamDate } from './identities.js';

/** EC2 delivers an instance role's credentials (session name = the instance id). */
export function instanceCredentials(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const w = kit.workloadIn(region);
  const session = kit.sessions.get(w.instanceId, timeMs, 6 * HOUR);
  const roleArn = `arn:aws:iam::${kit.org.account}:role/${w.roleName}`;
  const call: Call = {
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    readOnly: true,
    request: { roleArn, roleSessionName: w.instanceId },
    response: {
      credentials: {
        accessKeyId: session.key,
        sessionToken: kit.sessionToken(),
        expiration: iamDate(session.creationMs + 6 * HOUR),
      },
    },
    resources: [{ accountId: kit.org.account, type: 'AWS::IAM::Role', ARN: roleArn }],
  };
  return kit.emit(
    awsService('ec2.amazonaws.com'),
    call,
    region,
    timeMs,
    'ec2.amazonaws.com',
    'ec2.amazonaws.com',
    {
      sharedEventId: kit.prng.uuid(),
      tls: undefined,
    },
  );
}

/** Lambda assumes a function's execution role (session name = the function name). */
export function lambdaCredentials(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const here = kit.org.functions.filter((x) => x.region === region);
  const f = kit.prng.pick(here.length ? here : kit.org.functions);
  const session = kit.sessions.get(`lambda:${f.name}:${f.region}`, timeMs, 12 * HOUR);
  const roleArn = `arn:aws:iam::${kit.org.account}:role/${f.roleName}`;
  const call: Call = {
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    readOnly: true,
    request: { roleArn, roleSessionName: f.name },
    response: {
      credentials: {
        accessKeyId: session.key,
        sessionToken: kit.sessionToken(),
        expiration: iamDate(session.creationMs + 12 * HOUR),
      },
      assumedRoleUser: {
        assumedRoleId: `${f.roleId}:${f.name}`,
        arn: `arn:aws:sts::${kit.org.account}:assumed-role/${f.roleName}/${f.name}`,
      },
    },
    resources: [{ accountId: kit.org.account, type: 'AWS::IAM::Role', ARN: roleArn }],
  };
  return kit.emit(
    awsService('lambda.amazonaws.com'),
    call,
    region,
    timeMs,
    'lambda.amazonaws.com',
    'lambda.amazonaws.com',
    {
      sharedEventId: kit.prng.uuid(),
      tls: undefined,
    },
  );
}

/** AWS Config's service-linked role describing resources. */
export function configRecorder(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const role = kit.org.serviceRoles.config;
  const session = kit.sessions.get(`config:${region}`, timeMs, HOUR);
  const identity = assumedRole({
    account: kit.org.account,
    roleName: role.name,
    roleId: role.id,
    sessionName: 'AWSConfig-Describe',
    accessKeyId: session.key,
    creationMs: session.creationMs,
    path: '/aws-service-role/config.amazonaws.com/',
    invokedBy: 'config.amazonaws.com',
  });
  const call = kit.regionalCall(configReads, region);
  return kit.emit(identity, call, region, timeMs, 'config.amazonaws.com', 'config.amazonaws.com', {
    tls: undefined,
  });
}

/** CloudTrail asking KMS for a data key to encrypt a log file. */
export function trailEncryption(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const { org } = kit;
  const key = org.kmsKeys[region] ?? `arn:aws:kms:${region}:${org.account}:alias/aws/cloudtrail`;
  const call: Call = {
    source: 'kms.amazonaws.com',
    name: 'GenerateDataKey',
    readOnly: true,
    request: {
      keySpec: 'AES_256',
      encryptionContext: {
        'aws:cloudtrail:arn': `arn:aws:cloudtrail:${org.regions[0]}:${org.account}:trail/${org.trailName}`,
        'aws:s3:arn': `arn:aws:s3:::${org.account}-cloudtrail/AWSLogs/${org.account}/CloudTrail/${region}/${kit.prng.hex(4)}.json.gz`,
      },
      keyId: key,
    },
    resources: [{ accountId: org.account, type: 'AWS::KMS::Key', ARN: key }],
  };
  return kit.emit(
    awsService('cloudtrail.amazonaws.com'),
    call,
    region,
    timeMs,
    'cloudtrail.amazonaws.com',
    'cloudtrail.amazonaws.com',
    {
      tls: undefined,
      sharedEventId: kit.prng.uuid(),
    },
  );
}

/** The SSM agent on an instance checking in with the instance's role. */
export function ssmAgent(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const w = kit.workloadIn(region);
  const p = kit.prng;
  const [a, b] = [p.between(1, 40), p.between(4, 250)];
  const call: Call = {
    source: 'ssm.amazonaws.com',
    name: 'UpdateInstanceInformation',
    readOnly: false,
    request: {
      instanceId: w.instanceId,
      agentVersion: '3.3.1142.0',
      agentStatus: 'Active',
      platformType: 'Linux',
      platformName: 'Amazon Linux',
      platformVersion: '2023',
      iPAddress: `10.0.${a}.${b}`,
      computerName: `ip-10-0-${a}-${b}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`,
      agentName: 'amazon-ssm-agent',
      availabilityZone: `${region}a`,
    },
  };
  const agent = 'aws-sdk-go/1.55.5 (go1.22.9; linux; amd64) amazon-ssm-agent/3.3.1142.0';
  return kit.emit(instanceIdentity(kit, w, timeMs), call, region, timeMs, w.ip, agent);
}

export function instanceIdentity(
  kit: Emitter,
  w: { instanceId: string; roleName: string; roleId: string },
  timeMs: number,
) {
  const session = kit.sessions.get(w.instanceId, timeMs, 6 * HOUR);
  return assumedRole({
    account: kit.org.account,
    roleName: w.roleName,
    roleId: w.roleId,
    sessionName: w.instanceId,
    accessKeyId: session.key,
    creationMs: session.creationMs,
    ec2: true,
  });
}
