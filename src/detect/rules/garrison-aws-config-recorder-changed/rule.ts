import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** AWS Config recorder or delivery channel changed */
export default definePackDetection({
  folder: 'garrison-aws-config-recorder-changed',
  yaml: `
id: garrison-aws-config-recorder-changed
title: 'AWS Config recorder or delivery channel changed'
description: >-
  The AWS Config recorder was stopped or changed, or its delivery channel deleted or changed: an
  attacker blinding configuration history. Same semantics as the CIS metric filter.
severity: medium
mitre:
  - 'T1562.008'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.9'
falsePositives:
  - 'Planned AWS Config reconfiguration'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource|cased: config.amazonaws.com
    eventName|cased:
      - StopConfigurationRecorder
      - DeleteDeliveryChannel
      - PutDeliveryChannel
      - PutConfigurationRecorder
  condition: selection
`,
  positive,
  negative,
});
