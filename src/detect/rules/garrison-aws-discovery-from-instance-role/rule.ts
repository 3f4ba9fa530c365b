import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';
import { predicate } from './predicate.js';

/** Account discovery with an EC2 instance role */
export default definePackDetection({
  folder: 'garrison-aws-discovery-from-instance-role',
  yaml: `
id: garrison-aws-discovery-from-instance-role
title: 'Account discovery with an EC2 instance role'
description: >-
  An EC2 instance’s role credentials (session named after the instance id) called account-wide
  discovery APIs (list buckets, users, roles, trails, detectors, secrets): what an attacker does
  first with credentials taken from the instance metadata service.
severity: medium
mitre:
  - 'T1580'
  - 'T1087.004'
  - 'T1619'
stratus:
  - 'aws.discovery.ec2-enumerate-from-instance'
guardduty: []
cis: []
falsePositives:
  - 'Inventory or security agents running on instances'
playbook: ec2
logsource:
  product: aws
  service: cloudtrail
eventNames:
  - 'ListBuckets'
  - 'GetAccountSummary'
  - 'GetAccountAuthorizationDetails'
  - 'ListUsers'
  - 'ListRoles'
  - 'ListAccessKeys'
  - 'DescribeSnapshots'
  - 'DescribeTrails'
  - 'ListDetectors'
  - 'ListSecrets'
  - 'DescribeOrganization'
`,
  predicate,
  positive,
  negative,
});
