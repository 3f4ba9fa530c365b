import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-s3-objects-batch-deleted must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'DeleteObjects',
    requestParameters: {
      bucketName: 'finance-reports',
      delete: '',
      Host: 'finance-reports.s3.amazonaws.com',
    },
    additionalEventData: {
      bytesTransferredIn: 4217,
      bytesTransferredOut: 362,
      SignatureVersion: 'SigV4',
      AuthenticationMethod: 'AuthHeader',
    },
    resources: [
      { type: 'AWS::S3::Object', ARNPrefix: 'arn:aws:s3:::finance-reports/' },
      { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::finance-reports', accountId: ACCOUNT },
    ],
    readOnly: false,
    extra: { managementEvent: false, eventCategory: 'Data' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'DeleteObject',
    requestParameters: { bucketName: 'finance-reports', key: 'q1.xlsx' },
    readOnly: false,
    extra: { managementEvent: false, eventCategory: 'Data' },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'DeleteBucket',
    requestParameters: { bucketName: 'finance-reports' },
  }),
];
