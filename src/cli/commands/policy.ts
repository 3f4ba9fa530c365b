import type { Command } from 'commander';
import { preparePolicy } from '../../prepare/apply/policy.js';
import { derivePolicy, playbooksNamed } from '../../respond/playbooks/policy.js';

export function registerPolicy(program: Command): void {
  program
    .command('policy')
    .description(
      'print the least-privilege IAM policy the given containment playbooks need (derived from their steps)',
    )
    .argument('<playbook...>', 'ec2, iam-user, iam-role, s3-bucket, all, or prepare (garrison prepare apply)')
    .addHelpText(
      'after',
      '\nExample:\n  garrison policy ec2 iam-user > responder-policy.json\n  garrison policy prepare > prepare-policy.json\n  aws iam put-role-policy --role-name responder --policy-name garrison --policy-document file://responder-policy.json',
    )
    .action((names: string[]) => {
      // prepare is not a containment playbook (contain cannot run it) but is derived the same way.
      const others = names.filter((n) => n !== 'prepare');
      const contain = others.length ? derivePolicy(playbooksNamed(others)) : undefined;
      const prepare = names.includes('prepare') ? preparePolicy() : undefined;
      const policy =
        contain && prepare
          ? {
              ...contain,
              Statement: [
                ...contain.Statement,
                ...prepare.Statement.filter((s) => !contain.Statement.some((c) => c.Sid === s.Sid)),
              ],
            }
          : (contain ?? prepare);
      process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
    });
}
