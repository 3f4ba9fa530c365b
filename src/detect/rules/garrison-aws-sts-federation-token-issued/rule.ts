import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Federation token issued to an IAM user */
export default definePackDetection({
  folder: 'garrison-aws-sts-federation-token-issued',
  yaml: `
id: garrison-aws-sts-federation-token-issued
title: 'Federation token issued to an IAM user'
description: >-
  GetFederationToken minted temporary credentials from an IAM user’s key: they keep working after
  the user’s access key is deleted, for up to 36 hours.
severity: medium
mitre:
  - 'T1550.001'
  - 'T1098'
stratus:
  - 'aws.persistence.sts-federation-token'
guardduty: []
cis: []
falsePositives:
  - 'Legacy federation brokers'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: sts.amazonaws.com
    eventName: GetFederationToken
  condition: selection
`,
  positive,
  negative,
});
