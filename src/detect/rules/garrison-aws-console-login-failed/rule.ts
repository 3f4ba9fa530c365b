import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Console sign-in failed authentication */
export default definePackDetection({
  folder: 'garrison-aws-console-login-failed',
  yaml: `
id: garrison-aws-console-login-failed
title: 'Console sign-in failed authentication'
description: >-
  A sign-in to the AWS Management Console failed authentication: repeated failures are password
  guessing or credential stuffing. Same semantics as the CIS metric filter.
severity: low
mitre:
  - 'T1110'
stratus: []
guardduty: []
cis:
  - 'CloudWatch.6'
falsePositives:
  - 'Users mistyping their password'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName|cased: ConsoleLogin
    errorMessage|cased: Failed authentication
  condition: selection
`,
  positive,
  negative,
});
