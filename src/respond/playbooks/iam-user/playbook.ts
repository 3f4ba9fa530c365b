import { createHash } from 'node:crypto';
import type { Playbook, PlaybookTarget, Step } from '../../step.js';
import { toJson } from '../shared/json.js';
import { withRequestIds } from '../shared/request-ids.js';
import {
  putRevocation,
  REVOKE_ACTIONS,
  readRevocation,
  removeRevocation,
} from '../shared/revoke-sessions.js';
import {
  deleteLoginProfile,
  listAccessKeys,
  listMfaDevices,
  readLoginProfile,
  setAccessKeyStatus,
} from './credentials.js';

/** A user to contain: `id` is the user name; `accessKeyId` limits key deactivation to that key. */
export interface IamUserTarget extends PlaybookTarget {
  accessKeyId?: string | undefined;
}

const recordCredentials: Step<IamUserTarget> = {
  id: 'record-credentials',
  title: "Record the user's access keys, console login and MFA devices as evidence",
  reads: ['target.id'],
  iamActions: ['iam:ListAccessKeys', 'iam:GetLoginProfile', 'iam:ListMFADevices'],
  idempotent: true,
  dependsOn: [],
  evidence: true,
  async plan(ctx) {
    return { willChange: true, summary: `record the credentials of ${ctx.target.id}` };
  },
  async apply(ctx) {
    const user = ctx.target.id;
    const [keys, login, mfa] = await Promise.all([
      listAccessKeys(ctx.clients, user),
      readLoginProfile(ctx.clients, user),
      listMfaDevices(ctx.clients, user),
    ]);
    const record = toJson({ user, accessKeys: keys, loginProfile: login ?? null, mfaDevices: mfa });
    return {
      output: record,
      evidence: [
        {
          kind: 'iam-user-credentials',
          awsIds: [user, ...keys.map((k) => k.AccessKeyId ?? ''), ...mfa.map((d) => d.serialNumber)],
          description: `${user}: ${keys.length} access key(s), console login ${login ? 'yes' : 'no'}, ${mfa.length} MFA device(s) (in the journal output)`,
          sha256: createHash('sha256').update(JSON.stringify(record)).digest('hex'),
        },
      ],
    };
  },
  async verify() {
    return { ok: true, detail: 'credentials recorded' };
  },
};

const deactivateKeys: Step<IamUserTarget> = {
  id: 'deactivate-access-keys',
  title: 'Deactivate the access keys',
  reads: ['target.id', 'target.accessKeyId'],
  iamActions: ['iam:ListAccessKeys', 'iam:UpdateAccessKey'],
  idempotent: true,
  dependsOn: ['record-credentials'],
  async plan(ctx) {
    const keys = await listAccessKeys(ctx.clients, ctx.target.id);
    const only = ctx.target.accessKeyId;
    if (only && !keys.some((k) => k.AccessKeyId === only))
      throw new Error(`access key ${only} does not belong to ${ctx.target.id}`);
    const active = keys
      .filter((k) => k.Status === 'Active' && (!only || k.AccessKeyId === only))
      .map((k) => k.AccessKeyId ?? '');
    if (active.length === 0)
      return { willChange: false, summary: `no active key${only ? ` ${only}` : ''} left` };
    return { willChange: true, summary: `deactivate ${active.join(', ')}`, before: { deactivated: active } };
  },
  async apply(ctx, plan) {
    const { deactivated } = plan.before as { deactivated: string[] };
    await setAccessKeyStatus(ctx.clients, ctx.target.id, deactivated, 'Inactive');
    return { output: { deactivated } };
  },
  async verify(ctx) {
    const keys = await listAccessKeys(ctx.clients, ctx.target.id);
    const active = keys.filter(
      (k) => k.Status === 'Active' && (!ctx.target.accessKeyId || k.AccessKeyId === ctx.target.accessKeyId),
    );
    return {
      ok: active.length === 0,
      detail: active.length
        ? `still active: ${active.map((k) => k.AccessKeyId).join(', ')}`
        : `${keys.length} key(s), none active`,
    };
  },
  async undo(ctx, entry) {
    await setAccessKeyStatus(
      ctx.clients,
      entry.target,
      (entry.before as { deactivated: string[] }).deactivated,
      'Active',
    );
    return {};
  },
  describeUndo: (entry) =>
    `reactivate ${(entry.before as { deactivated: string[] }).deactivated.join(', ')} (only the keys garrison deactivated)`,
};

const revokeSessions: Step<IamUserTarget> = {
  id: 'revoke-user-sessions',
  title: "Deny the user's already-issued session tokens",
  reads: ['target.id'],
  iamActions: [...REVOKE_ACTIONS.user, ...REVOKE_ACTIONS.userUndo],
  idempotent: true,
  dependsOn: ['record-credentials'],
  async plan(ctx) {
    const at = await readRevocation(ctx.clients, { kind: 'user', name: ctx.target.id });
    if (at) return { willChange: false, summary: `sessions issued before ${at} already denied` };
    return { willChange: true, summary: `deny every session token of ${ctx.target.id} issued before now` };
  },
  async apply(ctx) {
    const issuedBefore = new Date();
    await putRevocation(ctx.clients, { kind: 'user', name: ctx.target.id }, issuedBefore);
    return { output: { issuedBefore: issuedBefore.toISOString() } };
  },
  async verify(ctx) {
    const at = await readRevocation(ctx.clients, { kind: 'user', name: ctx.target.id });
    return { ok: !!at, detail: at ? `sessions issued before ${at} denied` : 'no revoke policy on the user' };
  },
  async undo(ctx, entry) {
    await removeRevocation(ctx.clients, { kind: 'user', name: entry.target });
    return {};
  },
  describeUndo: (entry) => `remove garrison's revoke policy from ${entry.target}`,
};

const removeConsoleLogin: Step<IamUserTarget> = {
  id: 'delete-login-profile',
  title: 'Delete the console login (on release a person must set a new password)',
  reads: ['target.id'],
  iamActions: ['iam:GetLoginProfile', 'iam:DeleteLoginProfile'],
  idempotent: true,
  dependsOn: ['record-credentials'],
  async plan(ctx) {
    const login = await readLoginProfile(ctx.clients, ctx.target.id);
    if (!login) return { willChange: false, summary: 'no console login' };
    return {
      willChange: true,
      summary: `delete the console login of ${ctx.target.id} (created ${login.createDate})`,
      before: { existed: true, ...login },
      warnings: [
        'the password cannot be restored: after recovery a person must set a new one (iam create-login-profile)',
      ],
    };
  },
  async apply(ctx) {
    await deleteLoginProfile(ctx.clients, ctx.target.id);
    return {};
  },
  async verify(ctx) {
    const login = await readLoginProfile(ctx.clients, ctx.target.id);
    return { ok: !login, detail: login ? 'console login still exists' : 'no console login' };
  },
};

export const iamUserPlaybook: Playbook<IamUserTarget> = {
  name: 'iam-user',
  title: 'Contain an IAM user',
  steps: [recordCredentials, deactivateKeys, revokeSessions, removeConsoleLogin].map(withRequestIds),
};
