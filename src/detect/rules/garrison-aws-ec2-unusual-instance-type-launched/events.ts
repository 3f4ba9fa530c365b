import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ec2-unusual-instance-type-launched must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RunInstances',
    requestParameters: {
      instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 10, maxCount: 10 }] },
      instanceType: 'p3.16xlarge',
      blockDeviceMapping: {},
      monitoring: { enabled: false },
      disableApiTermination: false,
      clientToken: 'a1b2',
    },
    errorCode: 'Client.InstanceLimitExceeded',
    errorMessage: 'You have requested more vCPU capacity than your current vCPU limit',
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RunInstances',
    requestParameters: {
      instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 1, maxCount: 1 }] },
      instanceType: 'g5.48xlarge',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'RunInstances',
    requestParameters: {
      instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 1, maxCount: 1 }] },
      instanceType: 't3.micro',
    },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstanceTypes',
    requestParameters: { instanceTypeSet: { items: [{ instanceType: 'p3.16xlarge' }] } },
  }),
];
