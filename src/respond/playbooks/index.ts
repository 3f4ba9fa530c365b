import type { Playbook, PlaybookTarget } from '../step.js';
import { ec2Playbook } from './ec2/playbook.js';
import { iamRolePlaybook } from './iam-role/playbook.js';
import { iamUserPlaybook } from './iam-user/playbook.js';
import { s3BucketPlaybook } from './s3-bucket/playbook.js';

export { ec2Playbook, iamRolePlaybook, iamUserPlaybook, s3BucketPlaybook };

/** Every containment playbook, by the name `garrison contain <kind>` and the journal use. */
export const playbooks: readonly Playbook<PlaybookTarget>[] = [
  ec2Playbook,
  iamUserPlaybook,
  iamRolePlaybook,
  s3BucketPlaybook,
] as unknown as readonly Playbook<PlaybookTarget>[];

export function playbookNamed(name: string): Playbook<PlaybookTarget> | undefined {
  return playbooks.find((p) => p.name === name);
}
