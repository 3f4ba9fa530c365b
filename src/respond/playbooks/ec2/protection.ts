import {
  DescribeInstanceAttributeCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
} from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../../aws/clients.js';

/** Whether the instance can be terminated by API, and what an OS-level shutdown does to it. */
export interface Protection {
  instanceId: string;
  terminationProtected: boolean;
  shutdownBehavior: string;
}

export const PROTECTION_ACTIONS = ['ec2:DescribeInstanceAttribute', 'ec2:ModifyInstanceAttribute'];

export async function readProtection(
  clients: AwsClients,
  region: string,
  instanceId: string,
): Promise<Protection> {
  const ec2 = clients.client(EC2Client, region);
  const [termination, shutdown] = await Promise.all([
    ec2.send(
      new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'disableApiTermination' }),
    ),
    ec2.send(
      new DescribeInstanceAttributeCommand({
        InstanceId: instanceId,
        Attribute: 'instanceInitiatedShutdownBehavior',
      }),
    ),
  ]);
  return {
    instanceId,
    terminationProtected: termination.DisableApiTermination?.Value === true,
    shutdownBehavior: shutdown.InstanceInitiatedShutdownBehavior?.Value ?? 'stop',
  };
}

export function protectionNeeded(p: Protection): boolean {
  return !p.terminationProtected || p.shutdownBehavior !== 'stop';
}

/**
 * Makes the instance survive an attacker's (or a colleague's) terminate: shutdown behaviour "stop"
 * first (in the Attribute + Value form, which every endpoint honours), then termination protection.
 */
export async function applyProtection(
  clients: AwsClients,
  region: string,
  before: Protection,
): Promise<void> {
  const ec2 = clients.client(EC2Client, region);
  if (before.shutdownBehavior !== 'stop')
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: before.instanceId,
        Attribute: 'instanceInitiatedShutdownBehavior',
        Value: 'stop',
      }),
    );
  if (!before.terminationProtected)
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: before.instanceId,
        DisableApiTermination: { Value: true },
      }),
    );
}

/** Puts back what garrison changed, and only that: protection the owner had set stays. */
export async function restoreProtection(
  clients: AwsClients,
  region: string,
  before: Protection,
): Promise<void> {
  const ec2 = clients.client(EC2Client, region);
  if (!before.terminationProtected)
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: before.instanceId,
        DisableApiTermination: { Value: false },
      }),
    );
  if (before.shutdownBehavior !== 'stop')
    await ec2.send(
      new ModifyInstanceAttributeCommand({
        InstanceId: before.instanceId,
        Attribute: 'instanceInitiatedShutdownBehavior',
        Value: before.shutdownBehavior,
      }),
    );
}
