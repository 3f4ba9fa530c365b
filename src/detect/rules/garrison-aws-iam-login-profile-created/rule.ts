import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Console password created for an IAM user */
export default definePackDetection({
  folder: 'garrison-aws-iam-login-profile-created',
  yaml: `
id: garrison-aws-iam-login-profile-created
title: 'Console password created for an IAM user'
description: >-
  CreateLoginProfile gave an IAM user a console password: persistence through a user that
  previously had programmatic access only.
severity: medium
mitre:
  - 'T1098'
stratus:
  - 'aws.persistence.iam-create-user-login-profile'
guardduty: []
cis: []
falsePositives:
  - 'Onboarding new human users'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: iam.amazonaws.com
    eventName: CreateLoginProfile
  condition: selection
`,
  positive,
  negative,
});
