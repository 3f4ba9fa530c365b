import { type CheckOutcome, defineCheck } from '../define.js';
import { valueOr } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'guardduty-enabled',
    title: 'GuardDuty has an enabled detector in every enabled region',
    severity: 'high',
    whyItMatters:
      'GuardDuty sees credential misuse, crypto-mining and calls from known-bad infrastructure in every region; attackers pick the regions where it is off.',
    remediation:
      'aws guardduty create-detector --enable --region <region> (every enabled region; or garrison prepare apply)',
    controls: ['GuardDuty.1'],
  },
  (snapshot) =>
    snapshot.regions.map((region): CheckOutcome => {
      const read = valueOr(snapshot.guardDuty[region], region);
      if ('outcome' in read) return read.outcome;
      const enabled = read.value.detectors.filter((d) => d.enabled);
      if (enabled.length > 0)
        return { region, status: 'pass', detail: `detector ${enabled[0]?.id} is enabled` };
      if (read.value.detectors.length > 0) {
        return { region, status: 'fail', detail: `detector ${read.value.detectors[0]?.id} is suspended` };
      }
      return { region, status: 'fail', detail: 'no GuardDuty detector' };
    }),
);
