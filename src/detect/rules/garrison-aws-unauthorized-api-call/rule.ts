import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** API call refused as unauthorized */
export default definePackDetection({
  folder: 'garrison-aws-unauthorized-api-call',
  yaml: `
id: garrison-aws-unauthorized-api-call
title: 'API call refused as unauthorized'
description: >-
  An API call failed with AccessDenied or UnauthorizedOperation. One alone is usually a
  misconfiguration; many from one principal are enumeration with stolen credentials (see the
  stateful access-denied burst detection). Same semantics as the CIS metric filter.
severity: low
mitre:
  - 'T1580'
  - 'T1087.004'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.2'
falsePositives:
  - 'Applications with too narrow policies'
  - 'Console pages that probe permissions'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  unauthorized:
    errorCode|endswith|cased: UnauthorizedOperation
  denied:
    errorCode|startswith|cased: AccessDenied
  condition: unauthorized or denied
`,
  positive,
  negative,
});
