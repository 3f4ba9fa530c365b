import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** EC2 key pair created or imported */
export default definePackDetection({
  folder: 'garrison-aws-ec2-key-pair-created',
  yaml: `
id: garrison-aws-ec2-key-pair-created
title: 'EC2 key pair created or imported'
description: >-
  CreateKeyPair or ImportKeyPair added an SSH key pair to the account: attackers plant their own
  key to launch or reach instances later (names such as xg1 or temp_key_pair recur across
  compromised accounts).
severity: low
mitre:
  - 'T1098.001'
  - 'T1098.004'
stratus:
  - 'aws.persistence.ec2-create-suspicious-keypair'
guardduty: []
cis: []
falsePositives:
  - 'Administrators creating key pairs for new instances'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: ec2.amazonaws.com
    eventName:
      - CreateKeyPair
      - ImportKeyPair
  condition: selection
`,
  positive,
  negative,
});
