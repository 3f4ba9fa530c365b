import { EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';
import type { PlaybookTarget } from '../step.js';
import { checkInstanceId } from './ec2/facts.js';
import { type Ec2Target, prefetchInstanceFacts } from './ec2/target.js';
import { roleNameOf } from './iam-role/playbook.js';
import { resolveUser } from './iam-user/credentials.js';
import { bucketRegion, checkBucketName } from './s3-bucket/bucket-access.js';

/** The analyst's choices, for whichever playbook they apply to. */
export interface ContainOptions {
  /** ec2: also every instance carrying this tag ("key=value"). */
  tag?: string | undefined;
  decrementDesiredCapacity?: boolean | undefined;
  nacl?: boolean | undefined;
  keepRoleSessions?: boolean | undefined;
  removeFromInstanceProfiles?: boolean | undefined;
  denyAllExcept?: string[] | undefined;
}

/** Steps of one target run at once (ec2 has seven that depend only on the evidence step). */
export const STEPS_AT_ONCE = 8;

/** The IAM actions resolveTargets calls for each kind (garrison policy adds them). */
export const RESOLVE_ACTIONS: Record<string, string[]> = {
  ec2: ['ec2:DescribeInstances'],
  'iam-user': ['iam:GetAccessKeyLastUsed'],
  'iam-role': [],
  's3-bucket': ['s3:GetBucketLocation'],
};

const EC2_ARN = /^arn:aws[\w-]*:ec2:([a-z0-9-]+):\d{12}:instance\/(i-[0-9a-f]+)$/;

/** "key=value" -> [key, value]; the value may itself hold "=". */
export function parseTag(tag: string): [string, string] {
  const at = tag.indexOf('=');
  if (at <= 0)
    throw new GarrisonError('usage', `--tag wants key=value, got ${JSON.stringify(tag.slice(0, 80))}`);
  return [tag.slice(0, at), tag.slice(at + 1)];
}

async function instancesTagged(clients: AwsClients, region: string, tag: string): Promise<string[]> {
  const [key, value] = parseTag(tag);
  const ids: string[] = [];
  const pages = paginateDescribeInstances(
    { client: clients.client(EC2Client, region) },
    {
      Filters: [
        { Name: `tag:${key}`, Values: [value] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ],
    },
  );
  for await (const page of pages)
    for (const r of page.Reservations ?? [])
      for (const i of r.Instances ?? []) if (i.InstanceId) ids.push(i.InstanceId);
  return ids;
}

/**
 * Turns what the analyst typed into playbook targets: instance ids or ARNs (the ARN's region wins),
 * instances by tag, user names or access key ids (the key's owner), role names or ARNs, bucket names
 * (the bucket's own region). Duplicates collapse; nothing is changed.
 */
export async function resolveTargets(
  kind: string,
  inputs: readonly string[],
  options: ContainOptions,
  clients: AwsClients,
): Promise<PlaybookTarget[]> {
  const region = clients.defaultRegion;
  const unique = <T extends PlaybookTarget>(targets: T[]) => [
    ...new Map(targets.map((t) => [`${t.region}|${t.id}`, t])).values(),
  ];
  switch (kind) {
    case 'ec2': {
      const targets: Ec2Target[] = inputs.map((input) => {
        const arn = EC2_ARN.exec(input);
        return { id: checkInstanceId(arn?.[2] ?? input), region: arn?.[1] ?? region };
      });
      if (options.tag)
        for (const id of await instancesTagged(clients, region, options.tag)) targets.push({ id, region });
      if (targets.length === 0)
        throw new GarrisonError('usage', 'no instance to contain', {
          hint: 'give instance ids or --tag key=value',
        });
      return unique(targets).map((t) => ({
        ...t,
        decrementDesiredCapacity: options.decrementDesiredCapacity === true,
        nacl: options.nacl === true,
        keepRoleSessions: options.keepRoleSessions === true,
      }));
    }
    case 'iam-user': {
      const targets = [];
      for (const input of inputs) {
        const user = await resolveUser(clients, input);
        targets.push({
          id: user.userName,
          region,
          ...(user.accessKeyId ? { accessKeyId: user.accessKeyId } : {}),
        });
      }
      return targets;
    }
    case 'iam-role':
      return unique(
        inputs.map((input) => ({
          id: roleNameOf(input),
          region,
          removeFromInstanceProfiles: options.removeFromInstanceProfiles === true,
        })),
      );
    case 's3-bucket': {
      const targets = [];
      for (const input of inputs) {
        const bucket = checkBucketName(input.replace(/^s3:\/\//, '').replace(/\/$/, ''));
        targets.push({
          id: bucket,
          region: await bucketRegion(clients, bucket),
          denyAllExcept: options.denyAllExcept,
        });
      }
      return unique(targets);
    }
    default:
      throw new GarrisonError('usage', `no playbook for ${JSON.stringify(kind.slice(0, 40))}`, {
        hint: 'garrison contain ec2|iam-user|iam-role|s3-bucket',
      });
  }
}

/**
 * Before many runs of one kind start: read what they all need in batched calls (ec2: one
 * DescribeInstances for up to 100 instances instead of one each). A failed batch read costs nothing
 * but the calls: each run then reads (and reports) its own target.
 */
export async function prefetchTargets(
  kind: string,
  targets: readonly PlaybookTarget[],
  clients: AwsClients,
): Promise<void> {
  if (kind !== 'ec2' || targets.length < 2) return;
  const byRegion = new Map<string, string[]>();
  for (const t of targets) byRegion.set(t.region, [...(byRegion.get(t.region) ?? []), t.id]);
  await Promise.all(
    [...byRegion].map(([region, ids]) => prefetchInstanceFacts(clients, region, ids).catch(() => undefined)),
  );
}
