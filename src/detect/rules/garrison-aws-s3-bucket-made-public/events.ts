import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-s3-bucket-made-public must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: {
      bucketName: 'finance-reports',
      policy: '',
      bucketPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'public',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::finance-reports/*',
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketAcl',
    requestParameters: {
      bucketName: 'finance-reports',
      acl: '',
      AccessControlPolicy: {
        xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
        Owner: { ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
        AccessControlList: {
          Grant: [
            {
              Grantee: {
                'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
                'xsi:type': 'Group',
                URI: 'http://acs.amazonaws.com/groups/global/AllUsers',
              },
              Permission: 'READ',
            },
          ],
        },
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketAcl',
    requestParameters: { bucketName: 'finance-reports', acl: '', 'x-amz-acl': ['public-read-write'] },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: {
      bucketName: 'finance-reports',
      policy: '',
      bucketPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::finance-reports/*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: {
      bucketName: 'finance-reports',
      policy: '',
      bucketPolicy: {
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: 'arn:aws:s3:::finance-reports/*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketAcl',
    requestParameters: { bucketName: 'finance-reports', acl: '', 'x-amz-acl': ['private'] },
  }),
];
