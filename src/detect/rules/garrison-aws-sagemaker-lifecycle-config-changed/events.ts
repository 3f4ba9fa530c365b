import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-sagemaker-lifecycle-config-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'sagemaker.amazonaws.com',
    eventName: 'CreateNotebookInstanceLifecycleConfig',
    requestParameters: {
      notebookInstanceLifecycleConfigName: 'stratus-lifecycle',
      onStart: [{ content: 'IyEvYmluL2Jhc2gKY3VybCBodHRwOi8vMjAzLjAuMTEzLjY2L3guc2ggfCBiYXNo' }],
    },
  }),
  apiCall({
    eventSource: 'sagemaker.amazonaws.com',
    eventName: 'UpdateNotebookInstance',
    requestParameters: { notebookInstanceName: 'research', lifecycleConfigName: 'stratus-lifecycle' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'sagemaker.amazonaws.com',
    eventName: 'UpdateNotebookInstance',
    requestParameters: { notebookInstanceName: 'research', instanceType: 'ml.t3.large' },
  }),
  apiCall({ eventSource: 'sagemaker.amazonaws.com', eventName: 'ListNotebookInstanceLifecycleConfigs' }),
];
