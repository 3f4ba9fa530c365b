import { definePackDetection } from '../define.js';
import { negative, positive } from './events.js';

/** SageMaker notebook lifecycle configuration created or attached */
export default definePackDetection({
  folder: 'garrison-aws-sagemaker-lifecycle-config-changed',
  yaml: `
id: garrison-aws-sagemaker-lifecycle-config-changed
title: 'SageMaker notebook lifecycle configuration created or attached'
description: >-
  A notebook lifecycle configuration (a shell script run as root when the notebook starts) was
  created, changed or attached to a notebook instance: code execution with the notebook’s role.
severity: medium
mitre:
  - 'T1059'
  - 'T1098'
stratus:
  - 'aws.execution.sagemaker-update-lifecycle-config'
  - 'aws.privilege-escalation.sagemaker-update-lifecycle-config'
guardduty: []
cis: []
falsePositives:
  - 'Data-science platform teams managing notebook bootstrap scripts'
playbook: none
logsource:
  product: aws
  service: cloudtrail
detection:
  config:
    eventSource: sagemaker.amazonaws.com
    eventName:
      - CreateNotebookInstanceLifecycleConfig
      - UpdateNotebookInstanceLifecycleConfig
  attach:
    eventSource: sagemaker.amazonaws.com
    eventName:
      - UpdateNotebookInstance
      - CreateNotebookInstance
    requestParameters.lifecycleConfigName|exists: true
  condition: config or attach
`,
  positive,
  negative,
});
