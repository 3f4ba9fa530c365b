import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Root user credentials used */
export default definePackDetection({
  folder: 'garrison-aws-root-account-used',
  yaml: `
id: garrison-aws-root-account-used
title: 'Root user credentials used'
description: >-
  The account root user made an API call or signed in. Root bypasses every IAM policy and SCP-less
  guardrail; it should be used only for the few tasks that require it. Same semantics as the CIS
  metric filter: root, not invoked by an AWS service, not an AwsServiceEvent.
severity: high
mitre:
  - 'T1078.004'
stratus: []
guardduty:
  - 'Policy:IAMUser/RootCredentialUsage'
  - 'Policy:IAMUser/ShortTermRootCredentialUsage'
cis:
  - 'CloudWatch.1'
falsePositives:
  - 'Documented root-only tasks (closing the account, changing the support plan, restoring IAM admin access)'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    userIdentity.type|cased: Root
  filter_service:
    userIdentity.invokedBy|exists: true
  filter_service_event:
    eventType|cased: AwsServiceEvent
  condition: selection and not 1 of filter_*
`,
  positive,
  negative,
});
