import {
  type AccessKeyMetadata,
  DeleteLoginProfileCommand,
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  IAMClient,
  paginateListAccessKeys,
  paginateListMFADevices,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../../aws/clients.js';
import { GarrisonError } from '../../../errors.js';
import { isMissing } from '../shared/aws-errors.js';

const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;

export const isAccessKeyId = (value: string) => ACCESS_KEY_ID.test(value);

/**
 * The user a target names: a user name as given, or the owner of an access key id (GetAccessKeyLastUsed
 * answers with it). Anything else is refused before a call is made.
 */
export async function resolveUser(
  clients: AwsClients,
  target: string,
): Promise<{ userName: string; accessKeyId?: string }> {
  if (isAccessKeyId(target)) {
    if (target.startsWith('ASIA'))
      throw new GarrisonError(
        'input',
        `${target} is a temporary (session) key: contain the role or user that issued it`,
        {
          hint: 'find the session in CloudTrail (userIdentity.accessKeyId) and contain its principal',
        },
      );
    try {
      const answer = await clients
        .client(IAMClient)
        .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: target }));
      if (!answer.UserName) throw new GarrisonError('not-found', `no user owns access key ${target}`);
      return { userName: answer.UserName, accessKeyId: target };
    } catch (error) {
      if (isMissing(error))
        throw new GarrisonError('not-found', `access key ${target} is not in this account`, {
          cause: error,
          hint: 'use --role-arn to act in the account that owns the key',
        });
      throw error;
    }
  }
  if (!USER_NAME.test(target))
    throw new GarrisonError(
      'input',
      `not an IAM user name or access key id: ${JSON.stringify(target.slice(0, 80))}`,
    );
  return { userName: target };
}

export async function listAccessKeys(clients: AwsClients, userName: string): Promise<AccessKeyMetadata[]> {
  const keys: AccessKeyMetadata[] = [];
  for await (const page of paginateListAccessKeys(
    { client: clients.client(IAMClient) },
    { UserName: userName },
  ))
    keys.push(...(page.AccessKeyMetadata ?? []));
  return keys;
}

export async function setAccessKeyStatus(
  clients: AwsClients,
  userName: string,
  keyIds: string[],
  status: 'Active' | 'Inactive',
) {
  const iam = clients.client(IAMClient);
  for (const AccessKeyId of keyIds)
    await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId, Status: status }));
}

/** The console password's profile, or undefined when the user cannot sign in to the console. */
export async function readLoginProfile(clients: AwsClients, userName: string) {
  try {
    const answer = await clients.client(IAMClient).send(new GetLoginProfileCommand({ UserName: userName }));
    return {
      createDate: answer.LoginProfile?.CreateDate?.toISOString() ?? null,
      passwordResetRequired: answer.LoginProfile?.PasswordResetRequired ?? false,
    };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function deleteLoginProfile(clients: AwsClients, userName: string): Promise<void> {
  try {
    await clients.client(IAMClient).send(new DeleteLoginProfileCommand({ UserName: userName }));
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

export async function listMfaDevices(clients: AwsClients, userName: string) {
  const devices: { serialNumber: string; enableDate: string | null }[] = [];
  for await (const page of paginateListMFADevices(
    { client: clients.client(IAMClient) },
    { UserName: userName },
  ))
    for (const d of page.MFADevices ?? [])
      devices.push({ serialNumber: d.SerialNumber ?? '', enableDate: d.EnableDate?.toISOString() ?? null });
  return devices;
}
