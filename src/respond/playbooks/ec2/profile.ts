import {
  AssociateIamInstanceProfileCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DisassociateIamInstanceProfileCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { GetInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsClients } from '../../../aws/clients.js';
import { awsErrorCode } from '../shared/aws-errors.js';

export const PROFILE_ACTIONS = ['ec2:DisassociateIamInstanceProfile', 'iam:GetInstanceProfile'];
export const PROFILE_UNDO_ACTIONS = ['ec2:AssociateIamInstanceProfile', 'iam:PassRole'];

/** "arn:aws:iam::1:instance-profile/path/name" -> "name". */
export function instanceProfileName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The roles inside an instance profile: the identities whose sessions the instance could have leaked. */
export async function rolesOfProfile(clients: AwsClients, profileArn: string): Promise<string[]> {
  const answer = await clients
    .client(IAMClient)
    .send(new GetInstanceProfileCommand({ InstanceProfileName: instanceProfileName(profileArn) }));
  return (answer.InstanceProfile?.Roles ?? []).map((r) => r.RoleName ?? '').filter(Boolean);
}

export async function disassociateProfile(
  clients: AwsClients,
  region: string,
  associationId: string,
): Promise<void> {
  try {
    await clients
      .client(EC2Client, region)
      .send(new DisassociateIamInstanceProfileCommand({ AssociationId: associationId }));
  } catch (error) {
    // Gone already (a retried call whose first answer was lost): the profile is off the instance.
    if (awsErrorCode(error) !== 'InvalidAssociationID.NotFound') throw error;
  }
}

export async function associateProfile(
  clients: AwsClients,
  region: string,
  instanceId: string,
  arn: string,
): Promise<void> {
  const ec2 = clients.client(EC2Client, region);
  try {
    await ec2.send(
      new AssociateIamInstanceProfileCommand({ InstanceId: instanceId, IamInstanceProfile: { Arn: arn } }),
    );
  } catch (error) {
    if (awsErrorCode(error) !== 'IncorrectState') throw error;
    // The instance has a profile already: fine if it is this one (a retried call), a conflict if not.
    const now = await ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: 'instance-id', Values: [instanceId] }],
      }),
    );
    const same = now.IamInstanceProfileAssociations?.some(
      (a) => (a.State === 'associated' || a.State === 'associating') && a.IamInstanceProfile?.Arn === arn,
    );
    if (!same) throw error;
  }
}
