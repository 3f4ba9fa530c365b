import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../../aws/clients.js';

export const CASE_TAG = 'garrison:case';
export const STATUS_TAG = 'garrison:status';
export const TAG_ACTIONS = ['ec2:CreateTags'];

/** Marks instances and volumes with the case and its status, so anyone in the console sees why. */
export async function tagResources(
  clients: AwsClients,
  region: string,
  resourceIds: string[],
  caseId: string,
  status: 'contained' | 'released',
): Promise<void> {
  const ec2 = clients.client(EC2Client, region);
  for (let i = 0; i < resourceIds.length; i += 500)
    await ec2.send(
      new CreateTagsCommand({
        Resources: resourceIds.slice(i, i + 500),
        Tags: [
          { Key: CASE_TAG, Value: caseId },
          { Key: STATUS_TAG, Value: status },
        ],
      }),
    );
}
