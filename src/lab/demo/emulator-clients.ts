/**
 * The demo's AWS clients: they talk only to a loopback emulator and always with the emulator's
 * dummy credentials, so the demo runs on a machine without AWS credentials and can never send
 * a real identity, or a single call, anywhere else.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsClients, type AwsTarget } from '../../aws/clients.js';
import { GarrisonError } from '../../errors.js';
import { EMULATOR_CREDENTIALS } from '../moto.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Refuses any endpoint that is not http(s) on this machine. */
export function checkLocalEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new GarrisonError('usage', `not an endpoint URL: ${JSON.stringify(endpoint.slice(0, 100))}`);
  }
  if (!/^https?:$/.test(url.protocol) || !LOOPBACK.has(url.hostname) || url.username || url.password)
    throw new GarrisonError(
      'usage',
      `the demo only runs on a local emulator, not ${url.host || endpoint.slice(0, 100)}`,
      {
        hint: 'leave --endpoint-url out to let the demo start moto, or give http://127.0.0.1:<port>',
      },
    );
  return endpoint;
}

export class EmulatorClients extends AwsClients {
  constructor(target: AwsTarget & { endpointUrl: string }) {
    super({
      ...target,
      endpointUrl: checkLocalEndpoint(target.endpointUrl),
      profile: undefined,
      roleArn: undefined,
    });
  }

  override credentials(): AwsCredentialIdentityProvider {
    return async () => ({ ...EMULATOR_CREDENTIALS });
  }

  override forCase(caseId: string): AwsClients {
    return new EmulatorClients({ ...this.target, endpointUrl: this.target.endpointUrl as string, caseId });
  }

  override withRole(): AwsClients {
    throw new GarrisonError('usage', 'the demo acts in the emulator account only');
  }
}
