import {
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../../aws/clients.js';
import { isMissing } from './aws-errors.js';

/** The inline policy garrison puts on a role or user; its name is how garrison finds it again. */
export const REVOKE_POLICY_NAME = 'garrison-revoke-older-sessions';

/**
 * Deny everything to credentials issued before `issuedBefore`: AWS's own "revoke active sessions".
 * Long-term access keys carry no aws:TokenIssueTime, so only issued session tokens are cut.
 */
export function revokePolicyDocument(issuedBefore: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GarrisonRevokeOlderSessions',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': issuedBefore.toISOString() } },
      },
    ],
  });
}

export type Principal = { kind: 'role' | 'user'; name: string };

/** The cut-off time of garrison's revoke policy on this principal, or undefined when it has none. */
export async function readRevocation(clients: AwsClients, who: Principal): Promise<string | undefined> {
  const iam = clients.client(IAMClient);
  try {
    const answer =
      who.kind === 'role'
        ? await iam.send(new GetRolePolicyCommand({ RoleName: who.name, PolicyName: REVOKE_POLICY_NAME }))
        : await iam.send(new GetUserPolicyCommand({ UserName: who.name, PolicyName: REVOKE_POLICY_NAME }));
    const doc = JSON.parse(decodeURIComponent(answer.PolicyDocument ?? '{}')) as {
      Statement?: { Condition?: { DateLessThan?: Record<string, string> } }[];
    };
    return doc.Statement?.[0]?.Condition?.DateLessThan?.['aws:TokenIssueTime'] ?? 'unknown';
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function putRevocation(clients: AwsClients, who: Principal, issuedBefore: Date): Promise<void> {
  const iam = clients.client(IAMClient);
  const PolicyDocument = revokePolicyDocument(issuedBefore);
  if (who.kind === 'role')
    await iam.send(
      new PutRolePolicyCommand({ RoleName: who.name, PolicyName: REVOKE_POLICY_NAME, PolicyDocument }),
    );
  else
    await iam.send(
      new PutUserPolicyCommand({ UserName: who.name, PolicyName: REVOKE_POLICY_NAME, PolicyDocument }),
    );
}

/** Removes garrison's revoke policy; a policy already gone is not an error (undo is idempotent). */
export async function removeRevocation(clients: AwsClients, who: Principal): Promise<void> {
  const iam = clients.client(IAMClient);
  try {
    if (who.kind === 'role')
      await iam.send(new DeleteRolePolicyCommand({ RoleName: who.name, PolicyName: REVOKE_POLICY_NAME }));
    else await iam.send(new DeleteUserPolicyCommand({ UserName: who.name, PolicyName: REVOKE_POLICY_NAME }));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

export const REVOKE_ACTIONS = {
  role: ['iam:GetRolePolicy', 'iam:PutRolePolicy'],
  roleUndo: ['iam:DeleteRolePolicy'],
  user: ['iam:GetUserPolicy', 'iam:PutUserPolicy'],
  userUndo: ['iam:DeleteUserPolicy'],
} as const;
