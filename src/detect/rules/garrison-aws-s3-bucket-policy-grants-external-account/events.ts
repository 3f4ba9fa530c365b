import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, ATTACKER_ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-s3-bucket-policy-grants-external-account must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: {
      bucketName: 'finance-reports',
      policy: '',
      Host: 'finance-reports.s3.amazonaws.com',
      bucketPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ATTACKER_ACCOUNT}:root` },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: ['arn:aws:s3:::finance-reports', 'arn:aws:s3:::finance-reports/*'],
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
        Statement: {
          Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/reader`, ATTACKER_ACCOUNT] },
          Action: 's3:*',
          Resource: 'arn:aws:s3:::finance-reports/*',
        },
      },
    },
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
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/reader` },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::finance-reports/*',
          },
          {
            Effect: 'Deny',
            Principal: { AWS: ATTACKER_ACCOUNT },
            Action: 's3:*',
            Resource: 'arn:aws:s3:::finance-reports/*',
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
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::finance-reports/*',
          },
        ],
      },
    },
  }),
  apiCall({
    eventSource: 's3.amazonaws.com',
    eventName: 'PutBucketPolicy',
    requestParameters: { bucketName: 'finance-reports', policy: '', bucketPolicy: 'garbage' },
  }),
];
