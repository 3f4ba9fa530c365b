import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-vpc-flow-logs-deleted must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DeleteFlowLogs',
    requestParameters: { DeleteFlowLogsRequest: { FlowLogId: { tag: 1, content: 'fl-0a1b2c3d4e5f67890' } } },
    responseElements: {
      DeleteFlowLogsResponse: {
        xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
        unsuccessful: '',
        requestId: '7a62c49f-347e-4fc4-9331-6e8eEXAMPLE',
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'CreateFlowLogs',
    requestParameters: {
      CreateFlowLogsRequest: { ResourceId: { tag: 1, content: 'vpc-0a1b2c3d4e5f67890' }, TrafficType: 'ALL' },
    },
  }),
  apiCall({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeFlowLogs' }),
];
