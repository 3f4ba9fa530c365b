import { DescribeIamInstanceProfileAssociationsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Step } from '../../step.js';
import { toJson } from '../shared/json.js';
import {
  putRevocation,
  REVOKE_ACTIONS,
  readRevocation,
  removeRevocation,
} from '../shared/revoke-sessions.js';
import type { InstanceFacts } from './facts.js';
import {
  associateProfile,
  disassociateProfile,
  PROFILE_ACTIONS,
  PROFILE_UNDO_ACTIONS,
  rolesOfProfile,
} from './profile.js';
import { currentFacts, type Ec2Context, type Ec2Target } from './target.js';

/** The profile the instance has now, or had when the case recorded it (after a detach on an earlier run). */
async function profileArn(ctx: Ec2Context): Promise<string | undefined> {
  const f = await currentFacts(ctx);
  return f.profile?.arn ?? ctx.output<InstanceFacts>('record-metadata')?.profile?.arn;
}

interface Revocation {
  roles: string[];
  issuedBefore?: string;
}

export const revokeRoleSessions: Step<Ec2Target> = {
  id: 'revoke-role-sessions',
  title: "Revoke the instance role's already-issued sessions",
  reads: ['target.id', 'target.keepRoleSessions', 'record-metadata.profile'],
  iamActions: ['iam:GetInstanceProfile', ...REVOKE_ACTIONS.role, ...REVOKE_ACTIONS.roleUndo],
  idempotent: true,
  dependsOn: ['record-metadata'],
  async plan(ctx) {
    if (ctx.target.keepRoleSessions)
      return { willChange: false, summary: 'role sessions kept (--keep-role-sessions)' };
    const arn = await profileArn(ctx);
    if (!arn) return { willChange: false, summary: 'no instance profile: no role sessions to revoke' };
    const roles = await rolesOfProfile(ctx.clients, arn);
    const todo: string[] = [];
    for (const role of roles)
      if (!(await readRevocation(ctx.clients, { kind: 'role', name: role }))) todo.push(role);
    if (todo.length === 0)
      return {
        willChange: false,
        summary: `sessions of ${roles.join(', ') || 'no role'} already revoked`,
        output: toJson({ roles }),
      };
    return {
      willChange: true,
      summary: `deny every session of ${todo.join(', ')} issued before now`,
      before: toJson({ roles: todo }),
      warnings: [
        `this cuts every holder of role ${todo.join(', ')}, not only this instance: other instances and people using it must get fresh credentials`,
      ],
    };
  },
  async apply(ctx, plan) {
    const { roles } = plan.before as unknown as Revocation;
    const issuedBefore = new Date();
    for (const name of roles) await putRevocation(ctx.clients, { kind: 'role', name }, issuedBefore);
    return { output: toJson({ roles, issuedBefore: issuedBefore.toISOString() }) };
  },
  async verify(ctx) {
    if (ctx.target.keepRoleSessions) return { ok: true, detail: 'not asked' };
    const known = ctx.output<Revocation>('revoke-role-sessions')?.roles;
    const arn = known ? undefined : await profileArn(ctx);
    const roles = known ?? (arn ? await rolesOfProfile(ctx.clients, arn) : []);
    const missing: string[] = [];
    for (const role of roles)
      if (!(await readRevocation(ctx.clients, { kind: 'role', name: role }))) missing.push(role);
    return {
      ok: missing.length === 0,
      detail: missing.length
        ? `sessions not revoked for ${missing.join(', ')}`
        : `older sessions of ${roles.join(', ') || 'no role'} denied`,
    };
  },
  async undo(ctx, entry) {
    for (const name of (entry.before as unknown as Revocation).roles)
      await removeRevocation(ctx.clients, { kind: 'role', name });
    return {};
  },
  describeUndo: (entry) =>
    `remove the revoke policy from ${(entry.before as unknown as Revocation).roles.join(', ')}`,
};

interface Association {
  instanceId: string;
  associationId: string;
  arn: string;
}

export const detachInstanceProfile: Step<Ec2Target> = {
  id: 'detach-instance-profile',
  title: 'Disassociate the instance profile',
  reads: ['target.id'],
  iamActions: ['ec2:DescribeIamInstanceProfileAssociations', ...PROFILE_ACTIONS, ...PROFILE_UNDO_ACTIONS],
  idempotent: true,
  // The role is read from the profile first, so its sessions can be revoked.
  dependsOn: ['record-metadata', 'revoke-role-sessions'],
  async plan(ctx) {
    const f = await currentFacts(ctx);
    if (!f.profile) return { willChange: false, summary: 'no instance profile associated' };
    const before: Association = { instanceId: f.instanceId, ...f.profile };
    return {
      willChange: true,
      summary: `disassociate ${f.profile.arn} (${f.profile.associationId})`,
      before: toJson(before),
    };
  },
  async apply(ctx, plan) {
    await disassociateProfile(
      ctx.clients,
      ctx.target.region,
      (plan.before as unknown as Association).associationId,
    );
    return {};
  },
  async verify(ctx) {
    const answer = await ctx.clients.client(EC2Client, ctx.target.region).send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: 'instance-id', Values: [ctx.target.id] }],
      }),
    );
    const live = (answer.IamInstanceProfileAssociations ?? []).filter(
      (a) => a.State === 'associated' || a.State === 'associating',
    );
    return {
      ok: live.length === 0,
      detail: live.length
        ? `still associated: ${live.map((a) => a.IamInstanceProfile?.Arn).join(', ')}`
        : 'no instance profile',
    };
  },
  async undo(ctx, entry) {
    const b = entry.before as unknown as Association;
    await associateProfile(ctx.clients, entry.region ?? ctx.target.region, b.instanceId, b.arn);
    return {};
  },
  describeUndo: (entry) => `associate ${(entry.before as unknown as Association).arn} again`,
};
