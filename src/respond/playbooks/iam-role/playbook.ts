import {
  AddRoleToInstanceProfileCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  IAMClient,
  paginateListInstanceProfilesForRole,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../../aws/clients.js';
import { GarrisonError } from '../../../errors.js';
import type { Playbook, PlaybookTarget, Step } from '../../step.js';
import { awsErrorCode, isMissing } from '../shared/aws-errors.js';
import { withRequestIds } from '../shared/request-ids.js';
import {
  putRevocation,
  REVOKE_ACTIONS,
  readRevocation,
  removeRevocation,
} from '../shared/revoke-sessions.js';

/** A role to contain: `id` is the role name. */
export interface IamRoleTarget extends PlaybookTarget {
  /** Also take the role out of its instance profiles, so no instance can get new credentials from it. */
  removeFromInstanceProfiles?: boolean | undefined;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** "web-role" or "arn:aws:iam::1:role/path/web-role" -> "web-role"; anything else is refused. */
export function roleNameOf(target: string): string {
  const name = target.startsWith('arn:') ? target.slice(target.lastIndexOf('/') + 1) : target;
  if (
    !ROLE_NAME.test(name) ||
    (target.startsWith('arn:') && !/^arn:aws[\w-]*:iam::\d{12}:role\//.test(target))
  )
    throw new GarrisonError('input', `not an IAM role name or ARN: ${JSON.stringify(target.slice(0, 100))}`);
  return name;
}

async function instanceProfiles(clients: AwsClients, role: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListInstanceProfilesForRole(
    { client: clients.client(IAMClient) },
    { RoleName: role },
  ))
    for (const p of page.InstanceProfiles ?? []) if (p.InstanceProfileName) names.push(p.InstanceProfileName);
  return names;
}

const revokeSessions: Step<IamRoleTarget> = {
  id: 'revoke-role-sessions',
  title: "Revoke the role's already-issued sessions",
  reads: ['target.id'],
  iamActions: ['iam:GetRole', ...REVOKE_ACTIONS.role, ...REVOKE_ACTIONS.roleUndo],
  idempotent: true,
  dependsOn: [],
  async plan(ctx) {
    try {
      await ctx.clients.client(IAMClient).send(new GetRoleCommand({ RoleName: ctx.target.id }));
    } catch (error) {
      if (isMissing(error))
        throw new GarrisonError('not-found', `role ${ctx.target.id} not found`, { cause: error });
      throw error;
    }
    const at = await readRevocation(ctx.clients, { kind: 'role', name: ctx.target.id });
    if (at) return { willChange: false, summary: `sessions issued before ${at} already denied` };
    return {
      willChange: true,
      summary: `deny every session of ${ctx.target.id} issued before now`,
      warnings: [
        `this cuts every holder of role ${ctx.target.id} (instances, services, people): they must get fresh credentials`,
      ],
    };
  },
  async apply(ctx) {
    const issuedBefore = new Date();
    await putRevocation(ctx.clients, { kind: 'role', name: ctx.target.id }, issuedBefore);
    return { output: { issuedBefore: issuedBefore.toISOString() } };
  },
  async verify(ctx) {
    const at = await readRevocation(ctx.clients, { kind: 'role', name: ctx.target.id });
    return { ok: !!at, detail: at ? `sessions issued before ${at} denied` : 'no revoke policy on the role' };
  },
  async undo(ctx, entry) {
    await removeRevocation(ctx.clients, { kind: 'role', name: entry.target });
    return {};
  },
  describeUndo: (entry) => `remove garrison's revoke policy from ${entry.target}`,
};

const leaveInstanceProfiles: Step<IamRoleTarget> = {
  id: 'remove-from-instance-profiles',
  title: 'With --remove-from-instance-profiles: take the role out of its instance profiles',
  reads: ['target.id', 'target.removeFromInstanceProfiles'],
  iamActions: [
    'iam:ListInstanceProfilesForRole',
    'iam:RemoveRoleFromInstanceProfile',
    'iam:AddRoleToInstanceProfile',
    'iam:GetInstanceProfile',
  ],
  idempotent: true,
  dependsOn: ['revoke-role-sessions'],
  async plan(ctx) {
    if (!ctx.target.removeFromInstanceProfiles)
      return { willChange: false, summary: 'instance profiles left alone' };
    const profiles = await instanceProfiles(ctx.clients, ctx.target.id);
    if (profiles.length === 0) return { willChange: false, summary: 'in no instance profile' };
    return {
      willChange: true,
      summary: `remove ${ctx.target.id} from ${profiles.join(', ')}`,
      before: { profiles },
      warnings: ['instances using these profiles lose the role when their current credentials expire'],
    };
  },
  async apply(ctx, plan) {
    const iam = ctx.clients.client(IAMClient);
    for (const name of (plan.before as { profiles: string[] }).profiles)
      try {
        await iam.send(
          new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName: ctx.target.id }),
        );
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    return {};
  },
  async verify(ctx) {
    if (!ctx.target.removeFromInstanceProfiles) return { ok: true, detail: 'not asked' };
    const profiles = await instanceProfiles(ctx.clients, ctx.target.id);
    return {
      ok: profiles.length === 0,
      detail: profiles.length ? `still in ${profiles.join(', ')}` : 'in no instance profile',
    };
  },
  async undo(ctx, entry) {
    const iam = ctx.clients.client(IAMClient);
    for (const name of (entry.before as { profiles: string[] }).profiles)
      try {
        await iam.send(
          new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: entry.target }),
        );
      } catch (error) {
        // A profile holds one role: if it already holds this one, the undo is done; another one is a conflict.
        if (awsErrorCode(error) !== 'LimitExceeded' && awsErrorCode(error) !== 'EntityAlreadyExists')
          throw error;
        const held = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }));
        if (!held.InstanceProfile?.Roles?.some((r) => r.RoleName === entry.target))
          throw new GarrisonError('conflict', `instance profile ${name} now holds another role`, {
            cause: error,
          });
      }
    return {};
  },
  describeUndo: (entry) =>
    `put ${entry.target} back in ${(entry.before as { profiles: string[] }).profiles.join(', ')}`,
};

export const iamRolePlaybook: Playbook<IamRoleTarget> = {
  name: 'iam-role',
  title: 'Contain an IAM role',
  steps: [revokeSessions, leaveInstanceProfiles].map(withRequestIds),
};
