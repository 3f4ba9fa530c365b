import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-config-recorder-changed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'config.amazonaws.com',
    eventName: 'StopConfigurationRecorder',
    requestParameters: { configurationRecorderName: 'default' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'config.amazonaws.com',
    eventName: 'StartConfigurationRecorder',
    requestParameters: { configurationRecorderName: 'default' },
  }),
  apiCall({ eventSource: 'config.amazonaws.com', eventName: 'DescribeConfigurationRecorders' }),
];
