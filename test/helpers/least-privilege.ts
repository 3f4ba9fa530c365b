import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsClients } from '../../src/aws/clients.js';

/** AwsClients acting as one IAM user of the emulator (its own access key), not the default chain. */
class ActingAs extends AwsClients {
  constructor(
    endpointUrl: string,
    private readonly key: { accessKeyId: string; secretAccessKey: string },
  ) {
    super({ endpointUrl, region: 'us-east-1', maxAttempts: 2 });
  }
  override credentials(): AwsCredentialIdentityProvider {
    return async () => this.key;
  }
}

/**
 * Where moto 5.2 authorises a call under another action than AWS does. Public-access-block calls:
 * its action map keys them "public_access_block" while the query string says "publicAccessBlock", so
 * GET falls back to s3:ListBucket, PUT to s3:CreateBucket and DELETE to s3:DeleteBucket. CloudWatch:
 * under the signing name ("monitoring:DescribeAlarms"). The policy garrison prints keeps AWS's names;
 * a test adds moto's stand-ins beside exactly these actions, and nothing else.
 */
const MOTO_ALIASES: Record<string, string[]> = {
  'cloudwatch:DescribeAlarms': ['monitoring:DescribeAlarms'],
  'cloudwatch:PutMetricAlarm': ['monitoring:PutMetricAlarm'],
  's3:GetBucketPublicAccessBlock': ['s3:ListBucket'],
  's3:PutBucketPublicAccessBlock': ['s3:CreateBucket', 's3:DeleteBucket'],
};

interface PolicyDocument {
  Statement: { Action: string[] }[];
}

/**
 * Creates an IAM user holding only `policy` (plus moto's stand-ins for the actions above) and
 * returns AwsClients that act as that user.
 */
export async function userHolding(
  admin: AwsClients,
  endpoint: string,
  name: string,
  policy: PolicyDocument,
): Promise<AwsClients> {
  const withAliases = {
    ...policy,
    Statement: policy.Statement.map((s) => ({
      ...s,
      Action: s.Action.flatMap((a) => [a, ...(MOTO_ALIASES[a] ?? [])]),
    })),
  };
  const iam = admin.client(IAMClient);
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: name,
      PolicyName: 'garrison',
      PolicyDocument: JSON.stringify(withAliases),
    }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey;
  return new ActingAs(endpoint, {
    accessKeyId: key?.AccessKeyId ?? '',
    secretAccessKey: key?.SecretAccessKey ?? '',
  });
}
