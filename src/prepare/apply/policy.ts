import { derivePolicy, type IamPolicyDocument } from '../../respond/playbooks/policy.js';
import type { Playbook, PlaybookTarget } from '../../respond/step.js';
import { ACCOUNT_SNAPSHOT_ACTIONS, preparePlaybook } from './playbook.js';

/**
 * The least-privilege policy `garrison prepare apply` needs: the actions its steps declare (plan,
 * apply, verify), the runner's, and the reads of the readiness snapshot it plans from.
 */
export function preparePolicy(): IamPolicyDocument {
  const policy = derivePolicy([preparePlaybook as unknown as Playbook<PlaybookTarget>]);
  const Action = [...ACCOUNT_SNAPSHOT_ACTIONS].sort();
  policy.Statement.push({ Sid: 'GarrisonPrepareAudit', Effect: 'Allow', Action, Resource: '*' });
  return policy;
}
