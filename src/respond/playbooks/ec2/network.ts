import { EC2Client, ModifyNetworkInterfaceAttributeCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../../aws/clients.js';
import type { InterfaceFacts } from './facts.js';
import type { IsolationGroups } from './isolation-groups.js';

export const NETWORK_ACTIONS = ['ec2:ModifyNetworkInterfaceAttribute'];

/**
 * An interface counts as isolated when the isolation group is on it. (AWS replaces the whole set of
 * groups, so after our change it is the only one; some emulators keep the old groups listed too.)
 */
export function isIsolated(eni: InterfaceFacts, groups: IsolationGroups | undefined): boolean {
  return !!groups && eni.groupIds.includes(groups.isolationGroupId);
}

async function setGroups(clients: AwsClients, region: string, eniId: string, groupIds: string[]) {
  await clients
    .client(EC2Client, region)
    .send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: eniId, Groups: groupIds }));
}

/**
 * AWS's two-step isolation on every interface: all of them to the "untrack" group first (existing
 * connections become untracked), then all of them to the empty isolation group (untracked flows stop).
 */
export async function isolateInterfaces(
  clients: AwsClients,
  region: string,
  interfaces: InterfaceFacts[],
  groupsByVpc: Map<string, IsolationGroups>,
): Promise<void> {
  const todo = interfaces.filter((eni) => !isIsolated(eni, groupsByVpc.get(eni.vpcId)));
  const groups = (eni: InterfaceFacts) => {
    const g = groupsByVpc.get(eni.vpcId);
    if (!g) throw new Error(`no isolation groups for ${eni.vpcId}`);
    return g;
  };
  await Promise.all(
    todo.map((eni) => setGroups(clients, region, eni.networkInterfaceId, [groups(eni).untrackGroupId])),
  );
  await Promise.all(
    todo.map((eni) => setGroups(clients, region, eni.networkInterfaceId, [groups(eni).isolationGroupId])),
  );
}

/** Undo: each interface gets back exactly the groups recorded before containment. */
export async function restoreInterfaces(
  clients: AwsClients,
  region: string,
  before: InterfaceFacts[],
): Promise<void> {
  await Promise.all(before.map((eni) => setGroups(clients, region, eni.networkInterfaceId, eni.groupIds)));
}
