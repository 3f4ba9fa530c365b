import { createHash } from 'node:crypto';
import { EC2Client, GetConsoleOutputCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../../../aws/clients.js';

export const CONSOLE_ACTIONS = ['ec2:GetConsoleOutput'];

/** The instance's serial console output as captured by AWS, with its SHA-256 for the chain of custody. */
export interface ConsoleCapture {
  instanceId: string;
  capturedAt: string;
  /** The bytes AWS returned, decoded from base64; may be empty for a fresh instance. */
  output: Buffer;
  sha256: string;
}

export async function captureConsoleOutput(
  clients: AwsClients,
  region: string,
  instanceId: string,
): Promise<ConsoleCapture> {
  const answer = await clients
    .client(EC2Client, region)
    .send(new GetConsoleOutputCommand({ InstanceId: instanceId }));
  const output = Buffer.from(answer.Output ?? '', 'base64');
  return {
    instanceId,
    capturedAt: (answer.Timestamp ?? new Date()).toISOString(),
    output,
    sha256: createHash('sha256').update(output).digest('hex'),
  };
}
