import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** Cognito refresh token exchanged for new tokens */
export default definePackDetection({
  folder: 'garrison-aws-cognito-refresh-token-used',
  yaml: `
id: garrison-aws-cognito-refresh-token-used
title: 'Cognito refresh token exchanged for new tokens'
description: >-
  GetTokensFromRefreshToken minted new Cognito access and ID tokens from a refresh token: whoever
  stole the refresh token keeps access without the password. Review the source IP and user agent.
severity: informational
mitre:
  - 'T1550.001'
stratus:
  - 'aws.persistence.cognito-refresh-token-reuse'
guardduty: []
cis: []
falsePositives:
  - 'Every normal app session refresh (use with the first-use stateful detection)'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: cognito-idp.amazonaws.com
    eventName: GetTokensFromRefreshToken
  condition: selection
`,
  positive,
  negative,
});
