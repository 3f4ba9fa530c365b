/**
 * The organisation whose account the background activity comes from: its people, workloads,
 * roles, buckets and networks. Built from the seed, so the same seed gives the same company.
 */
import { accessKeyId, uniqueId } from './identities.js';
import type { Prng } from './prng.js';

export interface Person {
  /** SSO user name (an e-mail address), used as the role session name. */
  email: string;
  /** The IAM user a few break-glass admins still have, for console logins with MFA. */
  iamUser?: { name: string; id: string };
  permissionSet: 'AdministratorAccess' | 'PowerUserAccess' | 'ReadOnlyAccess' | 'DataEngineer';
  office: string;
  os: 'macos' | 'linux' | 'windows';
  browser: number;
}

export interface Workload {
  instanceId: string;
  region: string;
  roleName: string;
  roleId: string;
  /** The public (NAT or elastic) address its API calls come from: an AWS address. */
  ip: string;
  language: 'python' | 'node';
  bucket: string;
}

export interface LambdaFunction {
  name: string;
  region: string;
  roleName: string;
  roleId: string;
  bucket: string;
}

export interface Organisation {
  account: string;
  regions: string[];
  ssoRegion: string;
  people: Person[];
  ssoRoles: Record<Person['permissionSet'], { suffix: string; id: string }>;
  workloads: Workload[];
  functions: LambdaFunction[];
  buckets: string[];
  /** Keys of a long-term IAM user used by an on-premises backup job. */
  backupUser: { name: string; id: string; key: string };
  ciRole: { name: string; id: string };
  serviceRoles: Record<'config' | 'autoscaling' | 'ssm', { name: string; id: string }>;
  kmsKeys: Record<string, string>;
  trailName: string;
}

const FIRST = [
  'alice',
  'bruno',
  'chen',
  'dana',
  'emeka',
  'farah',
  'gustavo',
  'hana',
  'ivan',
  'jules',
  'kofi',
  'lena',
];
const LAST = ['martin', 'okafor', 'li', 'schmidt', 'haddad', 'silva', 'tanaka', 'novak', 'dubois', 'mensah'];
const APPS = ['web', 'api', 'worker', 'reports', 'ingest', 'billing'];

/** Addresses in documentation ranges for offices; AWS-owned ranges for workloads. */
const OFFICES = ['198.51.100.23', '198.51.100.87', '192.0.2.141'];
const AWS_RANGES: Record<string, string[]> = {
  'us-east-1': ['3.85', '3.91', '18.208', '44.192', '54.157'],
  'us-west-2': ['34.208', '35.160', '44.224', '54.186'],
  'eu-west-1': ['34.240', '34.245', '52.208', '54.77'],
  'eu-central-1': ['3.120', '18.184', '52.57'],
};

export function awsAddress(prng: Prng, region: string): string {
  const prefix = prng.pick(AWS_RANGES[region] ?? ['52.94']);
  return `${prefix}.${prng.between(1, 254)}.${prng.between(1, 254)}`;
}

function roleRef(prng: Prng, name: string): { name: string; id: string } {
  return { name, id: uniqueId(prng, 'AROA') };
}

export function buildOrganisation(prng: Prng, account: string, regions: string[]): Organisation {
  const people: Person[] = [];
  const sets: Person['permissionSet'][] = [
    'AdministratorAccess',
    'PowerUserAccess',
    'ReadOnlyAccess',
    'DataEngineer',
  ];
  for (let i = 0; i < 10; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = prng.pick(LAST);
    const person: Person = {
      email: `${first}.${last}@example.com`,
      permissionSet: prng.pick(sets),
      office: prng.pick(OFFICES),
      os: prng.pick(['macos', 'macos', 'linux', 'windows'] as const),
      browser: prng.int(3),
    };
    if (i < 2) person.iamUser = { name: `${first}-breakglass`, id: uniqueId(prng, 'AIDA') };
    people.push(person);
  }
  const ssoRoles = Object.fromEntries(
    sets.map((s) => [s, { suffix: prng.hex(8), id: uniqueId(prng, 'AROA') }]),
  ) as Organisation['ssoRoles'];
  const buckets = [
    `${account}-app-assets`,
    `${account}-customer-exports`,
    `${account}-backups`,
    `${account}-build-artifacts`,
  ];
  const workloads: Workload[] = [];
  for (const region of regions) {
    for (const app of APPS.slice(0, 4)) {
      const role = roleRef(prng, `${app}-instance-role`);
      for (let n = 0; n < 3; n++) {
        workloads.push({
          instanceId: `i-0${prng.hex(8).slice(0, 16)}`,
          region,
          roleName: role.name,
          roleId: role.id,
          ip: awsAddress(prng, region),
          language: prng.chance(0.6) ? 'python' : 'node',
          bucket: prng.pick(buckets),
        });
      }
    }
  }
  const functions: LambdaFunction[] = [];
  for (const region of regions) {
    for (const name of ['thumbnailer', 'invoice-mailer', 'log-shipper']) {
      const role = roleRef(prng, `${name}-lambda-role`);
      functions.push({ name, region, roleName: role.name, roleId: role.id, bucket: prng.pick(buckets) });
    }
  }
  const kmsKeys = Object.fromEntries(
    regions.map((r) => [r, `arn:aws:kms:${r}:${account}:key/${prng.uuid()}`]),
  );
  return {
    account,
    regions,
    ssoRegion: regions[0] ?? 'us-east-1',
    people,
    ssoRoles,
    workloads,
    functions,
    buckets,
    backupUser: { name: 'onprem-backup-sync', id: uniqueId(prng, 'AIDA'), key: accessKeyId(prng, 'AKIA') },
    ciRole: roleRef(prng, 'github-actions-terraform'),
    serviceRoles: {
      config: roleRef(prng, 'AWSServiceRoleForConfig'),
      autoscaling: roleRef(prng, 'AWSServiceRoleForAutoScaling'),
      ssm: roleRef(prng, 'AmazonSSMRoleForInstancesQuickSetup'),
    },
    kmsKeys,
    trailName: 'org-audit-trail',
  };
}
