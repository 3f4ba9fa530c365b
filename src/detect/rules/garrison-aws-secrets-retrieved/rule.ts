import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Secrets Manager secret values retrieved by a person or key */
export default definePackDetection({
  folder: 'garrison-aws-secrets-retrieved',
  yaml: `
id: garrison-aws-secrets-retrieved
title: 'Secrets Manager secret values retrieved by a person or key'
description: >-
  GetSecretValue or BatchGetSecretValue read secret values, called by a person, a key or a role
  session rather than by an AWS service or an EC2 instance’s own role (workloads reading their
  secrets; stolen instance credentials are the instance-credential detection’s job). Many secrets
  read by one principal (the grouped count) is credential harvesting.
severity: low
mitre:
  - 'T1555.006'
stratus:
  - 'aws.credential-access.secretsmanager-retrieve-secrets'
  - 'aws.credential-access.secretsmanager-batch-retrieve-secrets'
guardduty: []
cis: []
falsePositives:
  - 'Applications reading their own secrets at start-up'
  - 'Rotation functions'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: secretsmanager.amazonaws.com
    eventName:
      - GetSecretValue
      - BatchGetSecretValue
  filter_service:
    userIdentity.invokedBy|exists: true
  filter_instance_role:
    userIdentity.principalId|re: ':i-[0-9a-f]{8,17}$'
  condition: selection and not 1 of filter_*
`,
  positive,
  negative,
});
