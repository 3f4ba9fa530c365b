import { type CheckOutcome, defineCheck } from '../define.js';
import { valueOr } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'isolation-security-group',
    title: 'Every VPC has an isolation security group, or garrison may create one',
    severity: 'medium',
    whyItMatters:
      'Isolating a compromised instance means swapping its groups for one with no rules: when that group exists (or can be created) containment takes seconds, not a change request.',
    remediation:
      'aws ec2 create-security-group --group-name garrison-isolation --vpc-id <vpc>, then revoke its default egress rule (or garrison prepare apply)',
    controls: ['NIST SP 800-61 containment'],
  },
  (snapshot) =>
    snapshot.regions.map((region): CheckOutcome => {
      const read = valueOr(snapshot.isolation[region], region);
      if ('outcome' in read) return read.outcome;
      const { vpcs, canCreateIsolationGroup } = read.value;
      if (vpcs.length === 0) return { region, status: 'not_applicable', detail: 'no VPC in this region' };
      const missing = vpcs.filter((v) => v.isolationGroups.length === 0).map((v) => v.vpcId);
      if (missing.length === 0) {
        return { region, status: 'pass', detail: `isolation group in each of ${vpcs.length} VPC(s)` };
      }
      if (canCreateIsolationGroup) {
        return {
          region,
          status: 'pass',
          detail: `no isolation group in ${missing.join(', ')}; garrison may create one (EC2 dry run allowed)`,
        };
      }
      if (canCreateIsolationGroup === false) {
        return {
          region,
          status: 'fail',
          detail: `no isolation group in ${missing.join(', ')} and CreateSecurityGroup is denied`,
        };
      }
      return {
        region,
        status: 'error',
        detail: `no isolation group in ${missing.join(', ')}; could not tell whether one may be created`,
      };
    }),
);
