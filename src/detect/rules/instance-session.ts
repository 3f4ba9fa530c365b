import type { CloudTrailRecord } from '../../trail/record.js';

/** An EC2 instance id as EC2 names role sessions for instance profiles. */
export const INSTANCE_ID = /^i-[0-9a-f]{8}([0-9a-f]{9})?$/;

/**
 * The instance id when the record was made with an EC2 instance profile's credentials: an assumed-role
 * session named after the instance (`assumed-role/<role>/i-0abc…`), as delivered by the instance
 * metadata service. Undefined otherwise.
 */
export function instanceSessionOf(record: CloudTrailRecord): string | undefined {
  const who = record.userIdentity;
  if (who?.type !== 'AssumedRole') return undefined;
  const fromArn = who.arn?.split('/').pop();
  const fromPrincipal = who.principalId?.split(':').pop();
  const session = fromArn ?? fromPrincipal;
  return session && INSTANCE_ID.test(session) ? session : undefined;
}

export function isInstanceRoleSession(record: CloudTrailRecord): boolean {
  return instanceSessionOf(record) !== undefined;
}
