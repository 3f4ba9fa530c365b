import { GarrisonError } from '../../errors.js';
import type { Playbook, PlaybookTarget } from '../step.js';
import { playbookNamed, playbooks } from './index.js';
import { RESOLVE_ACTIONS } from './targets.js';

/** What any applying run needs besides its steps: the caller identity for the journal's actor. */
export const RUNNER_ACTIONS = ['sts:GetCallerIdentity'];

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

const sid = (name: string) => `Garrison${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;

/**
 * The least-privilege IAM policy for running (and releasing) the given playbooks: one statement per
 * playbook with exactly the actions its steps declare for plan, apply, verify and undo, plus those
 * that find its targets (an access key's owner, a bucket's region).
 */
export function derivePolicy(chosen: readonly Playbook<PlaybookTarget>[]): IamPolicyDocument {
  const statements = chosen.map((p) => ({
    Sid: sid(p.name),
    Effect: 'Allow' as const,
    Action: [
      ...new Set([...(RESOLVE_ACTIONS[p.name] ?? []), ...p.steps.flatMap((s) => s.iamActions)]),
    ].sort(),
    Resource: '*' as const,
  }));
  statements.push({ Sid: 'GarrisonRunner', Effect: 'Allow', Action: [...RUNNER_ACTIONS], Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

/** Playbook names (or "all") to playbooks; an unknown name is a usage error listing the known ones. */
export function playbooksNamed(names: readonly string[]): Playbook<PlaybookTarget>[] {
  if (names.includes('all')) return [...playbooks];
  return [...new Set(names)].map((name) => {
    const found = playbookNamed(name);
    if (!found)
      throw new GarrisonError('usage', `no playbook called ${JSON.stringify(name.slice(0, 60))}`, {
        hint: `known playbooks: ${playbooks.map((p) => p.name).join(', ')}, or all`,
      });
    return found;
  });
}
