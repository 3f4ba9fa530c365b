import type { GuardDutyFinding } from '../../guardduty/schema.js';

/** A containment garrison can run, or `manual` when no playbook fits (guidance only). */
export type RecommendedPlaybook = 'ec2' | 'iam-user' | 'iam-role' | 's3-bucket' | 'manual';

/** One thing to do about a finding: a playbook and its target, or manual guidance. */
export interface Recommendation {
  playbook: RecommendedPlaybook;
  /** What `garrison contain <playbook>` takes: instance id, user name or AKIA key, role name, bucket. */
  target?: string | undefined;
  /** Where the target lives (the finding's region). */
  region: string;
  /** Why, in the words of GuardDuty's remediation guidance. */
  reason: string;
}

/** One row of the table: a finding type family, matched by type prefix or resource type. */
export interface RecommendationRule {
  /** A short name for the family (also the test name). */
  family: string;
  matches(finding: GuardDutyFinding): boolean;
  recommend(finding: GuardDutyFinding): Recommendation[];
}

/** The parts of a GuardDuty finding type: Purpose:Resource/Family.Mechanism!Artifact. */
export function typeParts(type: string): { purpose: string; resource: string; family: string } {
  const colon = type.indexOf(':');
  const slash = type.indexOf('/', colon);
  return {
    purpose: type.slice(0, colon),
    resource: type.slice(colon + 1, slash),
    family: type.slice(slash + 1),
  };
}
