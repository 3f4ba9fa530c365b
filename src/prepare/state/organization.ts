import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsClients } from '../../aws/clients.js';
import { readOr } from './observe.js';

export interface OrganizationState {
  /** False when the account belongs to no organization (an organization trail does not apply). */
  member: boolean;
  id?: string | undefined;
  managementAccountId?: string | undefined;
}

export async function readOrganization(clients: AwsClients): Promise<OrganizationState> {
  const answer = await readOr(
    () => clients.client(OrganizationsClient, 'us-east-1').send(new DescribeOrganizationCommand({})),
    ['AWSOrganizationsNotInUseException'],
    undefined,
  );
  if (!answer?.Organization) return { member: false };
  return {
    member: true,
    id: answer.Organization.Id,
    managementAccountId: answer.Organization.MasterAccountId,
  };
}
