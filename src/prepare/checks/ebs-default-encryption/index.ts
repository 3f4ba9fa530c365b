import { type CheckOutcome, defineCheck } from '../define.js';
import { valueOr } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'ebs-default-encryption',
    title: 'EBS encryption by default is enabled',
    severity: 'medium',
    whyItMatters:
      'Forensic snapshots and the volumes an attacker may copy out are encrypted without anyone remembering to ask; a shared unencrypted snapshot is readable by anyone it is shared with.',
    remediation: 'aws ec2 enable-ebs-encryption-by-default --region <region>',
    controls: ['CIS 2.2.1', 'EC2.7'],
  },
  (snapshot) =>
    snapshot.regions.map((region): CheckOutcome => {
      const read = valueOr(snapshot.ebsEncryptionByDefault[region], region);
      if ('outcome' in read) return read.outcome;
      return read.value
        ? { region, status: 'pass', detail: 'new volumes and snapshot copies are encrypted' }
        : { region, status: 'fail', detail: 'EBS encryption by default is off' };
    }),
);
