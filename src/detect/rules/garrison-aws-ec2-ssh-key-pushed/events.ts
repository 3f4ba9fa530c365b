import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ec2-ssh-key-pushed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2-instance-connect.amazonaws.com',
    eventName: 'SendSSHPublicKey',
    requestParameters: {
      instanceId: 'i-0a1b2c3d4e5f67890',
      instanceOSUser: 'ec2-user',
      sSHPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGVrZXlleGFtcGxla2V5ZXhhbXBsZQ attacker',
      availabilityZone: 'us-east-1a',
    },
    responseElements: { requestId: 'b3f0', success: true },
  }),
  apiCall({
    eventSource: 'ec2-instance-connect.amazonaws.com',
    eventName: 'SendSerialConsoleSSHPublicKey',
    requestParameters: {
      instanceId: 'i-0a1b2c3d4e5f67890',
      serialPort: 0,
      sSHPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGVrZXlleGFtcGxla2V5ZXhhbXBsZQ attacker',
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstanceConnectEndpoints' }),
];
