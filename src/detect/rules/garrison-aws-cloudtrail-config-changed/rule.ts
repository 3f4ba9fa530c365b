import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** CloudTrail trail created, updated, deleted, started or stopped */
export default definePackDetection({
  folder: 'garrison-aws-cloudtrail-config-changed',
  yaml: `
id: garrison-aws-cloudtrail-config-changed
title: 'CloudTrail trail created, updated, deleted, started or stopped'
description: >-
  A trail was created, changed, deleted, started or stopped. Changing what is logged is how an
  attacker hides; same eventNames as the CIS metric filter.
severity: medium
mitre:
  - 'T1562.008'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.5'
falsePositives:
  - 'Planned trail changes by the logging or platform team'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased:
      - CreateTrail
      - UpdateTrail
      - DeleteTrail
      - StartLogging
      - StopLogging
  condition: selection
`,
  positive,
  negative,
});
