import type { PolicyDocument } from './bucket-policy.js';

/**
 * The key policy CloudTrail needs (AWS: "Configure AWS KMS key policies for CloudTrail"): the account
 * administers the key; CloudTrail may generate data keys for this trail only and describe the key;
 * principals of the account may decrypt the logs of the account's trails.
 */
export function cloudTrailKeyPolicy(partition: string, account: string, trailArn: string): PolicyDocument {
  const trails = `arn:${partition}:cloudtrail:*:${account}:trail/*`;
  return {
    Version: '2012-10-17',
    Id: 'garrison-cloudtrail',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'Allow CloudTrail to encrypt logs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trails },
        },
      },
      {
        Sid: 'Allow CloudTrail to describe key',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        Sid: 'Allow principals in the account to decrypt log files',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Resource: '*',
        Condition: {
          StringEquals: { 'kms:CallerAccount': account },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trails },
        },
      },
    ],
  };
}
