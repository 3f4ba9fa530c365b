import { IAMClient, paginateListRoles } from '@aws-sdk/client-iam';
import { paginateListBuckets, S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../aws/clients.js';
import { type EvidenceBucketState, readEvidenceBucket } from './bucket.js';

/** Names garrison recognises as an incident responder's role when none is given. */
export const RESPONDER_ROLE_NAME = /responder|incident[-_]?response|forensic/i;
/** Names garrison recognises as a forensic evidence bucket when none is given. */
export const EVIDENCE_BUCKET_NAME = /forensic|evidence/i;

/** Roles a responder can assume: the named one if given (empty when absent), else those named like one. */
export async function readResponderRoles(clients: AwsClients, named?: string): Promise<string[]> {
  const roles: string[] = [];
  for await (const page of paginateListRoles({ client: clients.client(IAMClient, 'us-east-1') }, {})) {
    for (const r of page.Roles ?? []) {
      const name = r.RoleName ?? '';
      if (named ? name === named || r.Arn === named : RESPONDER_ROLE_NAME.test(name))
        roles.push(r.Arn ?? name);
    }
  }
  return roles;
}

/** Candidate evidence buckets (the named one, else those named forensic/evidence) with versioning and Object Lock. */
export async function readEvidenceBuckets(
  clients: AwsClients,
  named?: string,
): Promise<EvidenceBucketState[]> {
  const names: string[] = [];
  for await (const page of paginateListBuckets({ client: clients.client(S3Client, 'us-east-1') }, {})) {
    for (const b of page.Buckets ?? []) {
      const name = b.Name ?? '';
      if (named ? name === named : EVIDENCE_BUCKET_NAME.test(name)) names.push(name);
    }
  }
  const states: EvidenceBucketState[] = [];
  for (const name of names) states.push(await readEvidenceBucket(clients, name));
  return states;
}
