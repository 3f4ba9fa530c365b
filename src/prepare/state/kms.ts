import {
  DescribeKeyCommand,
  type DescribeKeyCommandOutput,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import type { AwsClients } from '../../aws/clients.js';
import { awsErrorName, describeAwsFailure } from './observe.js';

/** What the audit and `prepare apply` need to know about the KMS key of a trail. */
export interface TrailKeyState {
  /** As the trail (or the user) names it: key id, key ARN, alias name or alias ARN. */
  keyId: string;
  found: boolean;
  arn?: string;
  /** Enabled, Disabled, PendingDeletion, ... */
  keyState?: string;
  /** CUSTOMER or AWS. */
  manager?: string;
  rotation?: boolean;
  /** The default key policy (JSON text). */
  policy?: string;
  /** Why the policy could not be read (a key of another account answers DescribeKey but not GetKeyPolicy). */
  policyUnreadable?: string;
}

/** The region a key ARN or alias ARN names (a bare id or alias lives in `fallback`). */
export function keyRegion(keyId: string, fallback: string): string {
  return /^arn:[^:]+:kms:([^:]+):/.exec(keyId)?.[1] ?? fallback;
}

/** Reads a key: DescribeKey, its default policy, its rotation. A key that does not exist is `found: false`. */
export async function readTrailKey(
  clients: AwsClients,
  keyId: string,
  region: string,
): Promise<TrailKeyState> {
  const kms = clients.client(KMSClient, keyRegion(keyId, region));
  let meta: DescribeKeyCommandOutput;
  try {
    meta = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  } catch (error) {
    if (awsErrorName(error) === 'NotFoundException') return { keyId, found: false };
    throw error;
  }
  const arn = meta.KeyMetadata?.Arn ?? keyId;
  const [policy, rotation] = await Promise.all([
    kms
      .send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' }))
      .then((answer) => ({ text: answer.Policy, unreadable: undefined }))
      .catch((error: unknown) => {
        if (!/AccessDenied/.test(awsErrorName(error))) throw error;
        return { text: undefined, unreadable: describeAwsFailure(error, 'kms:GetKeyPolicy') };
      }),
    kms.send(new GetKeyRotationStatusCommand({ KeyId: arn })).catch(() => undefined),
  ]);
  return {
    keyId,
    found: true,
    arn,
    ...(meta.KeyMetadata?.KeyState ? { keyState: meta.KeyMetadata.KeyState } : {}),
    ...(meta.KeyMetadata?.KeyManager ? { manager: meta.KeyMetadata.KeyManager } : {}),
    ...(rotation ? { rotation: rotation.KeyRotationEnabled === true } : {}),
    ...(policy.text ? { policy: policy.text } : {}),
    ...(policy.unreadable ? { policyUnreadable: policy.unreadable } : {}),
  };
}

/** Why a key cannot encrypt a trail's logs, before its policy is looked at (undefined: it can). */
export function keyUnusable(key: TrailKeyState): string | undefined {
  if (!key.found)
    return `KMS key ${key.keyId} does not exist: CloudTrail cannot deliver logs encrypted with it`;
  if (key.keyState && key.keyState !== 'Enabled')
    return `KMS key ${key.arn ?? key.keyId} is ${key.keyState}: CloudTrail cannot deliver logs encrypted with it`;
  return undefined;
}
