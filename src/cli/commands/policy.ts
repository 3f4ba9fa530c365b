import type { Command } from 'commander';
import { derivePolicy, playbooksNamed } from '../../respond/playbooks/policy.js';

export function registerPolicy(program: Command): void {
  program
    .command('policy')
    .description(
      'print the least-privilege IAM policy the given containment playbooks need (derived from their steps)',
    )
    .argument('<playbook...>', 'ec2, iam-user, iam-role, s3-bucket, or all')
    .addHelpText(
      'after',
      '\nExample:\n  garrison policy ec2 iam-user > responder-policy.json\n  aws iam put-role-policy --role-name responder --policy-name garrison --policy-document file://responder-policy.json',
    )
    .action((names: string[]) => {
      process.stdout.write(`${JSON.stringify(derivePolicy(playbooksNamed(names)), null, 2)}\n`);
    });
}
