import type { Command } from 'commander';
import { AwsClients, type AwsTarget } from '../aws/clients.js';

export interface GlobalOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  roleArn?: string;
  externalId?: string;
  db?: string;
}

/** The global flags as seen from any subcommand. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function awsTarget(command: Command, extra: Partial<AwsTarget> = {}): AwsTarget {
  const o = globalOptions(command);
  return {
    region: o.region,
    profile: o.profile,
    endpointUrl: o.endpointUrl,
    roleArn: o.roleArn,
    externalId: o.externalId,
    ...extra,
  };
}

export function awsClients(command: Command, extra: Partial<AwsTarget> = {}): AwsClients {
  return new AwsClients(awsTarget(command, extra));
}
