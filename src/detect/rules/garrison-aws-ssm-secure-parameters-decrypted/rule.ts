import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** SSM SecureString parameters read decrypted */
export default definePackDetection({
  folder: 'garrison-aws-ssm-secure-parameters-decrypted',
  yaml: `
id: garrison-aws-ssm-secure-parameters-decrypted
title: 'SSM SecureString parameters read decrypted'
description: >-
  GetParameter, GetParameters or GetParametersByPath read parameters with decryption: SecureString
  parameters hold passwords and API keys. Many parameters read by one principal is credential
  harvesting.
severity: low
mitre:
  - 'T1552'
stratus:
  - 'aws.credential-access.ssm-retrieve-securestring-parameters'
  - 'aws.credential-access.retrieve-all-ssm-parameters'
guardduty: []
cis: []
falsePositives:
  - 'Applications and deployment tools reading their configuration'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ssm.amazonaws.com
    eventName:
      - GetParameter
      - GetParameters
      - GetParametersByPath
    requestParameters.withDecryption: true
  filter_service:
    userIdentity.invokedBy|exists: true
  filter_instance_role:
    userIdentity.principalId|re: ':i-[0-9a-f]{8,17}$'
  condition: selection and not 1 of filter_*
`,
  positive,
  negative,
});
