import {
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/clients.js';
import { isMissing } from '../../respond/playbooks/shared/aws-errors.js';
import { type Change, idsOf } from './define-step.js';

export const ROLE_READ_ACTIONS = ['iam:GetRole', 'iam:GetRolePolicy'];
export const ROLE_WRITE_ACTIONS = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:TagRole'];

/** A role garrison needs: who may assume it and the one inline policy it carries. */
export interface RoleWanted {
  name: string;
  /** The trust policy's principal (`{ Service: "cloudtrail.amazonaws.com" }` or `{ AWS: "arn:...:root" }`). */
  principal: Record<string, string>;
  /** Conditions on assuming it (e.g. aws:SourceAccount, MFA). */
  condition?: Record<string, Record<string, string | boolean>>;
  policyName: string;
  policy: { Version: '2012-10-17'; Statement: unknown[] };
  description: string;
}

export interface RoleState {
  name: string;
  exists: boolean;
  hasPolicy: boolean;
}

const iam = (clients: AwsClients) => clients.client(IAMClient, 'us-east-1');

export async function readRole(clients: AwsClients, name: string, policyName: string): Promise<RoleState> {
  try {
    await iam(clients).send(new GetRoleCommand({ RoleName: name }));
  } catch (error) {
    if (isMissing(error, 'NoSuchEntity')) return { name, exists: false, hasPolicy: false };
    throw error;
  }
  try {
    await iam(clients).send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
    return { name, exists: true, hasPolicy: true };
  } catch (error) {
    if (isMissing(error, 'NoSuchEntity')) return { name, exists: true, hasPolicy: false };
    throw error;
  }
}

/** Create the role, or add garrison's inline policy to it; an existing role's trust and policies are kept. */
export function roleGaps(state: RoleState, wanted: RoleWanted): Change[] {
  if (!state.exists)
    return [
      {
        kind: 'create-role',
        role: wanted.name,
        summary: `create role ${wanted.name} (${wanted.description})`,
      },
    ];
  if (!state.hasPolicy)
    return [
      {
        kind: 'put-role-policy',
        role: wanted.name,
        update: true,
        summary: `add inline policy ${wanted.policyName} to existing role ${wanted.name}`,
      },
    ];
  return [];
}

export async function makeRole(
  clients: AwsClients,
  wanted: RoleWanted,
  changes: Change[],
): Promise<string[]> {
  const ids: string[] = [];
  if (changes.some((c) => c.kind === 'create-role')) {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: wanted.principal,
          Action: 'sts:AssumeRole',
          ...(wanted.condition ? { Condition: wanted.condition } : {}),
        },
      ],
    };
    try {
      ids.push(
        ...idsOf(
          await iam(clients).send(
            new CreateRoleCommand({
              RoleName: wanted.name,
              AssumeRolePolicyDocument: JSON.stringify(trust),
              Description: wanted.description.slice(0, 1000),
              Tags: [{ Key: 'garrison:purpose', Value: 'prepare' }],
            }),
          ),
        ),
      );
    } catch (error) {
      // Created meanwhile (a concurrent run): the policy below is still added.
      if ((error as { name?: string }).name !== 'EntityAlreadyExists') throw error;
    }
  }
  ids.push(
    ...idsOf(
      await iam(clients).send(
        new PutRolePolicyCommand({
          RoleName: wanted.name,
          PolicyName: wanted.policyName,
          PolicyDocument: JSON.stringify(wanted.policy),
        }),
      ),
    ),
  );
  return ids;
}
