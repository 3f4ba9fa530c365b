/** The organisation's own code at work: instances and Lambda functions using their roles. */

import { type Emitter, HOUR } from './emitter.js';
import type { TrailEvent } from './event.js';
import { assumedRole } from './identities.js';
import { awsAddress, type Workload } from './organisation.js';
import { instanceIdentity } from './service-actors.js';
import { botoAgent, sdkJsAgent } from './user-agents.js';
import { kmsDecrypt, objectKey, s3ObjectCall, workloadCall } from './workload-calls.js';

function workloadAgent(kit: Emitter, w: Workload, client: string): string {
  return w.language === 'python' ? botoAgent(kit.prng, 'AWS_EC2') : sdkJsAgent(kit.prng, client);
}

/** An instance reading and writing objects in its bucket (S3 data events). */
export function workloadObjects(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const w = kit.workloadIn(region);
  const name = kit.prng.pick(['GetObject', 'GetObject', 'PutObject', 'HeadObject'] as const);
  const call = s3ObjectCall(kit.prng, kit.org, region, name, w.bucket, objectKey(kit.prng));
  return kit.emit(instanceIdentity(kit, w, timeMs), call, region, timeMs, w.ip, workloadAgent(kit, w, 's3'));
}

/** An instance fetching its secrets, parameters and keys, opening log streams. */
export function workloadApi(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const w = kit.workloadIn(region);
  const call = workloadCall(kit.prng, kit.org, region, w.roleName.replace('-instance-role', ''));
  const agent = workloadAgent(kit, w, call.source.split('.')[0] ?? 'sts');
  return kit.emit(instanceIdentity(kit, w, timeMs), call, region, timeMs, w.ip, agent);
}

/** A Lambda function reading objects and decrypting with its execution role. */
export function lambdaWork(kit: Emitter, region: string, timeMs: number): TrailEvent {
  const here = kit.org.functions.filter((x) => x.region === region);
  const f = kit.prng.pick(here.length ? here : kit.org.functions);
  const session = kit.sessions.get(`lambda:${f.name}:${f.region}`, timeMs, 12 * HOUR);
  const identity = assumedRole({
    account: kit.org.account,
    roleName: f.roleName,
    roleId: f.roleId,
    sessionName: f.name,
    accessKeyId: session.key,
    creationMs: session.creationMs,
  });
  const call = kit.prng.chance(0.5)
    ? s3ObjectCall(kit.prng, kit.org, region, 'GetObject', f.bucket, objectKey(kit.prng))
    : kmsDecrypt(kit.prng, kit.org, region, {
        'aws:lambda:FunctionArn': `arn:aws:lambda:${region}:${kit.org.account}:function:${f.name}`,
      });
  return kit.emit(
    identity,
    call,
    region,
    timeMs,
    awsAddress(kit.prng, region),
    botoAgent(kit.prng, 'AWS_Lambda_python3.12'),
  );
}
