import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** CloudTrail event selectors changed to drop management events */
export default definePackDetection({
  folder: 'garrison-aws-cloudtrail-event-selectors-narrowed',
  yaml: `
id: garrison-aws-cloudtrail-event-selectors-narrowed
title: 'CloudTrail event selectors changed to drop management events'
description: >-
  PutEventSelectors configured a trail so that it no longer records all management events
  (management events excluded, read-only or write-only, or event sources excluded): the trail
  looks healthy but is blind.
severity: high
mitre:
  - 'T1562.008'
stratus:
  - 'aws.defense-evasion.cloudtrail-event-selectors'
guardduty: []
cis: []
falsePositives:
  - 'Cost tuning that deliberately excludes noisy sources such as KMS or RDS Data API'
playbook: iam-user
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'PutEventSelectors'
`,
  predicate,
  positive,
  negative,
});
