import type { Command } from 'commander';
import type { AwsClients } from '../aws/clients.js';
import { CaseStore } from '../cases/store.js';
import type { Actor } from '../cases/types.js';
import { localUser } from '../cases/who.js';
import { globalOptions } from './context.js';

/** The case store chosen by --db, GARRISON_DB or the default ~/.garrison/garrison.db. */
export function openCaseStore(command: Command): CaseStore {
  return CaseStore.open(globalOptions(command).db);
}

/**
 * Who is acting, for the journal and the chain of custody: the local user and, when AWS answers,
 * the caller identity ARN (STS GetCallerIdentity). `warn` hears why the ARN is missing.
 */
export async function currentActor(clients: AwsClients, warn: (message: string) => void): Promise<Actor> {
  try {
    const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
    const identity = await clients.client(STSClient).send(new GetCallerIdentityCommand({}));
    return { arn: identity.Arn, localUser: localUser() };
  } catch (error) {
    warn(`cannot tell the AWS identity (${(error as Error).message}); journaling the local user only`);
    return { localUser: localUser() };
  }
}
