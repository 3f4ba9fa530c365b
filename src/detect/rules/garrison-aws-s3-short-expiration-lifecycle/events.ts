import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-s3-short-expiration-lifecycle must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketLifecycle',
    requestParameters: {
      bucketName: 'org-cloudtrail-logs',
      lifecycle: '',
      Host: 'org-cloudtrail-logs.s3.amazonaws.com',
      LifecycleConfiguration: {
        xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
        Rule: {
          ID: 'nuke-cloudtrail-logs-after-1-day',
          Status: 'Enabled',
          Filter: { Prefix: '' },
          Expiration: { Days: 1 },
        },
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketLifecycle',
    requestParameters: {
      bucketName: 'evidence',
      lifecycle: '',
      LifecycleConfiguration: {
        Rule: [
          { ID: 'keep', Status: 'Enabled', Filter: { Prefix: 'a/' }, Expiration: { Days: 400 } },
          {
            ID: 'old-versions',
            Status: 'Enabled',
            Filter: { Prefix: '' },
            NoncurrentVersionExpiration: { NoncurrentDays: '2' },
          },
        ],
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketLifecycle',
    requestParameters: {
      bucketName: 'org-cloudtrail-logs',
      lifecycle: '',
      LifecycleConfiguration: {
        Rule: { ID: 'archive', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 365 } },
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketLifecycle',
    requestParameters: {
      bucketName: 'org-cloudtrail-logs',
      lifecycle: '',
      LifecycleConfiguration: {
        Rule: { ID: 'disabled', Status: 'Disabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } },
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketLifecycle',
    requestParameters: {
      bucketName: 'x',
      LifecycleConfiguration: { Rule: { ID: 'bad', Status: 'Enabled', Expiration: { Days: 'soon' } } },
    },
  }),
];
