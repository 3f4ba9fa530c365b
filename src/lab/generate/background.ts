/**
 * Background activity: what an organisation's account does all day when nobody is attacking it.
 * Reads dominate (Describe*, List*, Get*), services assume roles, workloads fetch secrets and
 * objects, people use the console and the CLI, CI runs Terraform, a few calls are denied.
 */
import {
  type Call,
  ec2Reads,
  everydayWrites,
  iamReads,
  kmsDecrypt,
  objectKey,
  otherReads,
  s3BucketCall,
  s3ObjectCall,
  s3Reads,
  workloadCall,
} from './calls.js';
import { accessDenied } from './denials.js';
import {
  amzId2,
  apiHost,
  type EventSpec,
  s3RequestId,
  type TrailEvent,
  tlsFor,
  trailEvent,
} from './event.js';
import {
  accessKeyId,
  assumedRole,
  awsService,
  type Identity,
  iamDate,
  iamUser,
  ssoSession,
} from './identities.js';
import { awsAddress, type Organisation, type Person } from './organisation.js';
import { type Prng, WeightedChoice } from './prng.js';
import { botoAgent, CONSOLE_BROWSERS, cliAgent, s3Agent, sdkJsAgent, terraformAgent } from './user-agents.js';

type Actor = (region: string, timeMs: number) => TrailEvent;

interface Session {
  key: string;
  creationMs: number;
}

const HOUR = 3_600_000;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const humanReads = [...ec2Reads, ...s3Reads, ...iamReads, ...otherReads];
const configReads = [...ec2Reads, ...s3Reads, ...iamReads, ...otherReads.slice(0, 4)];

/** The token-looking blob STS returns; long, like the real one, so record sizes are realistic. */
function sessionToken(prng: Prng): string {
  return `IQoJb3JpZ2luX2VjE${prng.chars(260, BASE64)}EXAMPLE==`;
}

export class BackgroundActivity {
  private readonly sessions = new Map<string, Session>();
  private readonly actors: WeightedChoice<Actor>;

  constructor(
    private readonly prng: Prng,
    readonly org: Organisation,
  ) {
    this.actors = new WeightedChoice<Actor>([
      [(r, t) => this.instanceCredentials(r, t), 5],
      [(r, t) => this.lambdaCredentials(r, t), 3],
      [(r, t) => this.configRecorder(r, t), 12],
      [(r, t) => this.trailEncryption(r, t), 20],
      [(r, t) => this.ssmAgent(r, t), 5],
      [(r, t) => this.workloadObjects(r, t), 5],
      [(r, t) => this.workloadApi(r, t), 12],
      [(r, t) => this.lambdaWork(r, t), 4],
      [(r, t) => this.consoleHuman(r, t), 12],
      [(r, t) => this.cliHuman(r, t), 10],
      [(r, t) => this.terraform(r, t), 8],
      [(r, t) => this.consoleLogin(r, t), 0.4],
      [(r, t) => this.backupJob(r, t), 3],
    ]);
  }

  /** One background record in `region` at `timeMs`. */
  record(region: string, timeMs: number): TrailEvent {
    return this.actors.draw(this.prng)(region, timeMs);
  }

  /**
   * Takes over credentials that another record delivered (an AssumeRole by EC2 for an instance),
   * so the instance's own later calls use the same access key as that record says.
   */
  adopt(record: TrailEvent): void {
    if (record.eventName !== 'AssumeRole') return;
    const request = record.requestParameters as { roleSessionName?: unknown } | null;
    const response = record.responseElements as { credentials?: { accessKeyId?: unknown } } | null;
    const key = response?.credentials?.accessKeyId;
    if (typeof request?.roleSessionName !== 'string' || typeof key !== 'string') return;
    this.sessions.set(request.roleSessionName, { key, creationMs: Date.parse(String(record.eventTime)) });
  }

  private session(id: string, timeMs: number, lifetime: number, kind: 'ASIA' | 'AKIA' = 'ASIA'): Session {
    const found = this.sessions.get(id);
    if (found && timeMs - found.creationMs < lifetime && timeMs >= found.creationMs) return found;
    const fresh = { key: accessKeyId(this.prng, kind), creationMs: timeMs - this.prng.int(lifetime / 2) };
    this.sessions.set(id, fresh);
    return fresh;
  }

  private emit(
    identity: Identity,
    call: Call,
    region: string,
    timeMs: number,
    ip: string,
    agent: string,
    extra: Partial<EventSpec> = {},
  ): TrailEvent {
    const p = this.prng;
    const where = call.global ? 'us-east-1' : region;
    const s3 = call.source === 's3.amazonaws.com';
    const spec: EventSpec = {
      identity,
      timeMs,
      source: call.source,
      name: call.name,
      region: where,
      ip,
      userAgent: s3 ? s3Agent(agent) : agent,
      request: call.request,
      response: call.response ?? null,
      requestId: s3 ? s3RequestId(p) : p.uuid(),
      eventId: p.uuid(),
      readOnly: call.readOnly,
      management: call.management ?? true,
      account: this.org.account,
      tls: tlsFor(p, s3 ? String(call.request?.Host ?? 's3.amazonaws.com') : apiHost(call.source, where)),
      ...extra,
    };
    if (call.resources) spec.resources = call.resources;
    if (s3) {
      spec.additional = {
        SignatureVersion: 'SigV4',
        CipherSuite: spec.tls?.cipher ?? 'TLS_AES_128_GCM_SHA256',
        bytesTransferredIn: call.name === 'PutObject' ? p.between(2_000, 9_000_000) : 0,
        AuthenticationMethod: 'AuthHeader',
        'x-amz-id-2': amzId2(p),
        bytesTransferredOut: call.name === 'GetObject' ? p.between(2_000, 9_000_000) : 0,
      };
    } else if (call.additional) {
      spec.additional = call.additional;
    }
    return trailEvent(spec);
  }

  /** With probability `p`, the call is denied (responseElements stays null). */
  private maybeDenied(identity: Identity, call: Call, p: number): Partial<EventSpec> {
    if (!this.prng.chance(p)) return {};
    const resource =
      call.source === 'iam.amazonaws.com' ? `arn:aws:iam::${this.org.account}:role/*` : undefined;
    const denial = accessDenied(call.source, call.name, String(identity.arn), resource);
    call.response = null;
    return { error: { code: denial.code, message: denial.message } };
  }

  private regionalCall(makers: typeof humanReads, region: string): Call {
    for (let i = 0; i < 4; i++) {
      const call = this.prng.pick(makers)(this.prng, this.org, region);
      if (!call.global || region === 'us-east-1') return call;
    }
    return this.prng.pick(ec2Reads)(this.prng, this.org, region);
  }

  /** A person's or a pipeline's call: mostly reads, sometimes an everyday change. */
  private humanCall(region: string, writeShare: number): Call {
    if (this.prng.chance(writeShare)) return this.prng.pick(everydayWrites)(this.prng, this.org, region);
    return this.regionalCall(humanReads, region);
  }

  private workloadIn(region: string) {
    const here = this.org.workloads.filter((w) => w.region === region);
    return this.prng.pick(here.length ? here : this.org.workloads);
  }

  private instanceCredentials(region: string, timeMs: number): TrailEvent {
    const w = this.workloadIn(region);
    const key = accessKeyId(this.prng, 'ASIA');
    this.sessions.set(w.instanceId, { key, creationMs: timeMs });
    const roleArn = `arn:aws:iam::${this.org.account}:role/${w.roleName}`;
    const call: Call = {
      source: 'sts.amazonaws.com',
      name: 'AssumeRole',
      readOnly: true,
      request: { roleArn, roleSessionName: w.instanceId },
      response: {
        credentials: {
          accessKeyId: key,
          sessionToken: sessionToken(this.prng),
          expiration: iamDate(timeMs + 6 * HOUR),
        },
      },
      resources: [{ accountId: this.org.account, type: 'AWS::IAM::Role', ARN: roleArn }],
    };
    return this.emit(
      awsService('ec2.amazonaws.com'),
      call,
      region,
      timeMs,
      'ec2.amazonaws.com',
      'ec2.amazonaws.com',
      {
        sharedEventId: this.prng.uuid(),
        tls: undefined,
      },
    );
  }

  private lambdaCredentials(region: string, timeMs: number): TrailEvent {
    const f = this.prng.pick(
      this.org.functions
        .filter((x) => x.region === region)
        .concat(this.org.functions)
        .slice(0, 3),
    );
    const key = accessKeyId(this.prng, 'ASIA');
    this.sessions.set(`lambda:${f.name}:${f.region}`, { key, creationMs: timeMs });
    const roleArn = `arn:aws:iam::${this.org.account}:role/${f.roleName}`;
    const call: Call = {
      source: 'sts.amazonaws.com',
      name: 'AssumeRole',
      readOnly: true,
      request: { roleArn, roleSessionName: f.name },
      response: {
        credentials: {
          accessKeyId: key,
          sessionToken: sessionToken(this.prng),
          expiration: iamDate(timeMs + 12 * HOUR),
        },
        assumedRoleUser: {
          assumedRoleId: `${f.roleId}:${f.name}`,
          arn: `arn:aws:sts::${this.org.account}:assumed-role/${f.roleName}/${f.name}`,
        },
      },
      resources: [{ accountId: this.org.account, type: 'AWS::IAM::Role', ARN: roleArn }],
    };
    return this.emit(
      awsService('lambda.amazonaws.com'),
      call,
      region,
      timeMs,
      'lambda.amazonaws.com',
      'lambda.amazonaws.com',
      {
        sharedEventId: this.prng.uuid(),
        tls: undefined,
      },
    );
  }

  private configRecorder(region: string, timeMs: number): TrailEvent {
    const role = this.org.serviceRoles.config;
    const s = this.session(`config:${region}`, timeMs, HOUR);
    const identity = assumedRole({
      account: this.org.account,
      roleName: role.name,
      roleId: role.id,
      sessionName: 'AWSConfig-Describe',
      accessKeyId: s.key,
      creationMs: s.creationMs,
      path: '/aws-service-role/config.amazonaws.com/',
      invokedBy: 'config.amazonaws.com',
    });
    const call = this.regionalCall(configReads, region);
    return this.emit(identity, call, region, timeMs, 'config.amazonaws.com', 'config.amazonaws.com', {
      tls: undefined,
    });
  }

  private trailEncryption(region: string, timeMs: number): TrailEvent {
    const call: Call = {
      source: 'kms.amazonaws.com',
      name: 'GenerateDataKey',
      readOnly: true,
      request: {
        keySpec: 'AES_256',
        encryptionContext: {
          'aws:cloudtrail:arn': `arn:aws:cloudtrail:${this.org.regions[0]}:${this.org.account}:trail/${this.org.trailName}`,
          'aws:s3:arn': `arn:aws:s3:::${this.org.account}-cloudtrail/AWSLogs/${this.org.account}/CloudTrail/${region}/${this.prng.hex(4)}.json.gz`,
        },
        keyId:
          this.org.kmsKeys[region] ?? this.org.kmsKeys[this.org.regions[0] ?? ''] ?? 'alias/aws/cloudtrail',
      },
      resources: [
        { accountId: this.org.account, type: 'AWS::KMS::Key', ARN: this.org.kmsKeys[region] ?? '' },
      ],
    };
    return this.emit(
      awsService('cloudtrail.amazonaws.com'),
      call,
      region,
      timeMs,
      'cloudtrail.amazonaws.com',
      'cloudtrail.amazonaws.com',
      { tls: undefined, sharedEventId: this.prng.uuid() },
    );
  }

  private instanceIdentity(w: Organisation['workloads'][number], timeMs: number): Identity {
    const s = this.session(w.instanceId, timeMs, 6 * HOUR);
    return assumedRole({
      account: this.org.account,
      roleName: w.roleName,
      roleId: w.roleId,
      sessionName: w.instanceId,
      accessKeyId: s.key,
      creationMs: s.creationMs,
      ec2: true,
    });
  }

  private ssmAgent(region: string, timeMs: number): TrailEvent {
    const w = this.workloadIn(region);
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
        iPAddress: `10.0.${this.prng.between(1, 40)}.${this.prng.between(4, 250)}`,
        computerName: `ip-10-0-${this.prng.between(1, 40)}-${this.prng.between(4, 250)}.ec2.internal`,
        agentName: 'amazon-ssm-agent',
        availabilityZone: `${region}a`,
        availabilityZoneId: 'use1-az1',
      },
    };
    return this.emit(
      this.instanceIdentity(w, timeMs),
      call,
      region,
      timeMs,
      w.ip,
      'aws-sdk-go/1.55.5 (go1.22.9; linux; amd64) amazon-ssm-agent/3.3.1142.0',
    );
  }

  private workloadAgent(w: Organisation['workloads'][number], client: string): string {
    return w.language === 'python' ? botoAgent(this.prng, 'AWS_EC2') : sdkJsAgent(this.prng, client);
  }

  private workloadObjects(region: string, timeMs: number): TrailEvent {
    const w = this.workloadIn(region);
    const name = this.prng.pick(['GetObject', 'GetObject', 'PutObject', 'HeadObject'] as const);
    const call = s3ObjectCall(this.prng, this.org, region, name, w.bucket, objectKey(this.prng));
    return this.emit(
      this.instanceIdentity(w, timeMs),
      call,
      region,
      timeMs,
      w.ip,
      this.workloadAgent(w, 's3'),
    );
  }

  private workloadApi(region: string, timeMs: number): TrailEvent {
    const w = this.workloadIn(region);
    const call = workloadCall(this.prng, this.org, region, w.roleName.replace('-instance-role', ''));
    return this.emit(
      this.instanceIdentity(w, timeMs),
      call,
      region,
      timeMs,
      w.ip,
      this.workloadAgent(w, call.source.split('.')[0] ?? 'sts'),
    );
  }

  private lambdaWork(region: string, timeMs: number): TrailEvent {
    const here = this.org.functions.filter((x) => x.region === region);
    const f = this.prng.pick(here.length ? here : this.org.functions);
    const s = this.session(`lambda:${f.name}:${f.region}`, timeMs, 12 * HOUR);
    const identity = assumedRole({
      account: this.org.account,
      roleName: f.roleName,
      roleId: f.roleId,
      sessionName: f.name,
      accessKeyId: s.key,
      creationMs: s.creationMs,
    });
    const call = this.prng.chance(0.5)
      ? s3ObjectCall(this.prng, this.org, region, 'GetObject', f.bucket, objectKey(this.prng))
      : kmsDecrypt(this.prng, this.org, region, {
          'aws:lambda:FunctionArn': `arn:aws:lambda:${region}:${this.org.account}:function:${f.name}`,
        });
    return this.emit(
      identity,
      call,
      region,
      timeMs,
      awsAddress(this.prng, region),
      botoAgent(this.prng, 'AWS_Lambda_python3.12'),
    );
  }

  private personSession(person: Person, timeMs: number): Identity {
    const role = this.org.ssoRoles[person.permissionSet];
    const s = this.session(`sso:${person.email}`, timeMs, 8 * HOUR);
    return ssoSession({
      account: this.org.account,
      permissionSet: person.permissionSet,
      roleSuffix: role.suffix,
      roleId: role.id,
      ssoRegion: this.org.ssoRegion,
      user: person.email,
      accessKeyId: s.key,
      creationMs: s.creationMs,
    });
  }

  private consoleHuman(region: string, timeMs: number): TrailEvent {
    const person = this.prng.pick(this.org.people);
    const identity = this.personSession(person, timeMs);
    const call = this.humanCall(region, 0.03);
    const denied = this.maybeDenied(identity, call, person.permissionSet === 'ReadOnlyAccess' ? 0.06 : 0.02);
    const agent =
      call.source === 's3.amazonaws.com' ? 'AWS Internal' : (CONSOLE_BROWSERS[person.browser] as string);
    return this.emit(identity, call, region, timeMs, person.office, agent, {
      consoleSession: true,
      ...denied,
    });
  }

  private cliHuman(region: string, timeMs: number): TrailEvent {
    const person = this.prng.pick(this.org.people);
    const identity = this.personSession(person, timeMs);
    const call = this.humanCall(region, 0.06);
    const denied = this.maybeDenied(identity, call, 0.04);
    return this.emit(
      identity,
      call,
      region,
      timeMs,
      person.office,
      cliAgent(this.prng, call.command ?? 'sts.get-caller-identity', person.os),
      denied,
    );
  }

  private terraform(region: string, timeMs: number): TrailEvent {
    const role = this.org.ciRole;
    const s = this.session('ci', timeMs, HOUR);
    const roleArn = `arn:aws:iam::${this.org.account}:role/${role.name}`;
    const ip = `4.${this.prng.between(148, 152)}.${this.prng.between(1, 254)}.${this.prng.between(1, 254)}`;
    if (this.prng.chance(0.04)) {
      const provider = `arn:aws:iam::${this.org.account}:oidc-provider/token.actions.githubusercontent.com`;
      const call: Call = {
        source: 'sts.amazonaws.com',
        name: 'AssumeRoleWithWebIdentity',
        readOnly: true,
        request: {
          roleArn,
          roleSessionName: `GitHubActions-${this.prng.between(1_000_000, 9_999_999)}`,
          durationSeconds: 3600,
        },
        response: {
          credentials: {
            accessKeyId: s.key,
            sessionToken: sessionToken(this.prng),
            expiration: iamDate(timeMs + HOUR),
          },
          subjectFromWebIdentityToken: 'repo:example-org/infrastructure:ref:refs/heads/main',
          provider,
          audience: 'sts.amazonaws.com',
        },
        resources: [{ accountId: this.org.account, type: 'AWS::IAM::Role', ARN: roleArn }],
      };
      const identity = {
        type: 'WebIdentityUser',
        principalId: `${provider}:sts.amazonaws.com:repo:example-org/infrastructure:ref:refs/heads/main`,
        userName: 'repo:example-org/infrastructure:ref:refs/heads/main',
        identityProvider: provider,
      };
      return this.emit(identity, call, region, timeMs, ip, 'aws-sdk-js/2.1692.0 promise', {});
    }
    const identity = assumedRole({
      account: this.org.account,
      roleName: role.name,
      roleId: role.id,
      sessionName: `GitHubActions-${Math.floor(s.creationMs / HOUR) % 10_000_000}`,
      accessKeyId: s.key,
      creationMs: s.creationMs,
      webIdentity: { provider: 'token.actions.githubusercontent.com' },
    });
    const call = this.humanCall(region, 0.1);
    return this.emit(identity, call, region, timeMs, ip, terraformAgent(call.source.split('.')[0] ?? 'ec2'));
  }

  private consoleLogin(region: string, timeMs: number): TrailEvent {
    const admins = this.org.people.filter((p) => p.iamUser);
    const person = this.prng.pick(admins);
    const user = person.iamUser as { name: string; id: string };
    const failed = this.prng.chance(0.1);
    const call: Call = {
      source: 'signin.amazonaws.com',
      name: 'ConsoleLogin',
      readOnly: false,
      request: null,
      response: { ConsoleLogin: failed ? 'Failure' : 'Success' },
      additional: {
        LoginTo:
          'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_' +
          this.prng.hex(8),
        MobileVersion: 'No',
        MFAIdentifier: `arn:aws:iam::${this.org.account}:mfa/${user.name}`,
        MFAUsed: 'Yes',
      },
    };
    const identity = iamUser({ account: this.org.account, userName: user.name, userId: user.id });
    const extra: Partial<EventSpec> = {
      eventType: 'AwsConsoleSignIn',
      tls: tlsFor(this.prng, 'signin.aws.amazon.com'),
    };
    if (failed) extra.error = { code: 'Failed authentication', message: 'Failed authentication' };
    return this.emit(
      identity,
      call,
      region,
      timeMs,
      person.office,
      CONSOLE_BROWSERS[person.browser] as string,
      extra,
    );
  }

  private backupJob(region: string, timeMs: number): TrailEvent {
    const u = this.org.backupUser;
    const identity = iamUser({
      account: this.org.account,
      userName: u.name,
      userId: u.id,
      accessKeyId: u.key,
    });
    const bucket = `${this.org.account}-backups`;
    const call = this.prng.chance(0.85)
      ? s3ObjectCall(this.prng, this.org, region, 'PutObject', bucket, objectKey(this.prng))
      : s3BucketCall(this.prng, this.org, region, 'GetBucketLocation', bucket);
    return this.emit(identity, call, region, timeMs, '198.51.100.200', cliAgent(this.prng, 's3.cp', 'linux'));
  }
}
