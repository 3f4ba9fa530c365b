/**
 * Regenerates the bundled sample (`samples/cloudtrail/` and `samples/README.md`): a day of an
 * organisation's CloudTrail in two regions with the attack story in it.
 *
 *   npx tsc -p . && node dist/src/lab/generate/make-samples.js [samples-dir]
 */
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttackGroundTruth } from './attack-story.js';
import { generateTrailFiles, storyOf, type TrailFilesOptions, type TrailFilesResult } from './trail-files.js';

export const SAMPLE_ACCOUNT = '111122223333';
export const SAMPLE_ATTACK = {
  region: 'us-east-1',
  start: '2026-11-19T14:07:00Z',
  instanceId: 'i-0a1b2c3d4e5f67890',
  instanceRoleName: 'web-instance-role',
  dataBucket: `${SAMPLE_ACCOUNT}-customer-exports`,
  attackerIp: '203.0.113.66',
  backdoorUserName: 'svc-backup-monitor',
};

/** The generator options of the bundled sample, written under `<dir>/cloudtrail`. */
export function sampleOptions(dir: string): TrailFilesOptions {
  return {
    outDir: join(dir, 'cloudtrail'),
    seed: 'garrison-sample-1',
    accountId: SAMPLE_ACCOUNT,
    regions: ['us-east-1', 'eu-west-1'],
    start: '2026-11-19T00:00:00Z',
    end: '2026-11-20T00:00:00Z',
    recordsPerFile: [1, 7],
    fileMinutes: 20,
    gzipLevel: 6,
    attack: SAMPLE_ATTACK,
  };
}

/** The ground truth of the bundled sample (which event ids are the attack, when it began). */
export function sampleGroundTruth(): AttackGroundTruth {
  return (storyOf(sampleOptions('samples')) as { groundTruth: AttackGroundTruth }).groundTruth;
}

export function sampleReadme(result: TrailFilesResult): string {
  const truth = result.groundTruth as AttackGroundTruth;
  const rows = truth.steps
    .map(
      (s) =>
        `| ${s.eventTime} | ${s.eventName} | ${s.phase} | ${s.malicious ? 'yes' : 'no'} | \`${s.eventId}\` |`,
    )
    .join('\n');
  return `# The bundled CloudTrail sample

A day (${result.start} to ${result.end}) of one AWS account's CloudTrail (account \`${SAMPLE_ACCOUNT}\`,
regions us-east-1 and eu-west-1), made by garrison's own generator (\`src/lab/generate\`): ${result.records}
records in ${result.files.length} log files (${(result.bytes / 1024).toFixed(0)} KB uncompressed), delivered as
CloudTrail delivers them, \`cloudtrail/AWSLogs/${SAMPLE_ACCOUNT}/CloudTrail/<region>/<yyyy>/<mm>/<dd>/*.json.gz\`,
with hourly \`CloudTrail-Digest\` files beside them (readers skip those). Every id, key and address in it is
fake: access keys contain \`EXAMPLE\`, offices use documentation ranges (198.51.100.0/24, 192.0.2.0/24),
the attacker 203.0.113.66.

\`\`\`sh
${`garrison events samples/ --ip ${truth.attackerIp}`.padEnd(48)}# the attacker's calls
${'garrison hunt samples/'.padEnd(48)}# what the detections make of it
\`\`\`

## Background

People signing in to the console (with MFA) and using it and the AWS CLI through IAM Identity Center,
EC2 workloads (instance-role sessions named after their instance ids) fetching secrets, parameters, keys
and S3 objects, the SSM agent, Lambda functions, AWS Config, CloudTrail's own KMS calls, a Terraform
pipeline in GitHub Actions, an on-premises backup job with a long-term key, and the occasional
AccessDenied.

## The attack story

The web instance \`${SAMPLE_ATTACK.instanceId}\` (role \`${SAMPLE_ATTACK.instanceRoleName}\`) is compromised. Its role
credentials (\`${truth.stolenAccessKeyId}\`, session name = the instance id) are used from
${truth.attackerIp}, outside AWS, with an AWS CLI on Kali Linux:

1. **Discovery**: GetCallerIdentity, ListBuckets, then IAM, EC2, Lambda, Secrets Manager, KMS, RDS and SSM
   enumeration, most of it AccessDenied.
2. **Collection**: ListObjects and twelve GetObject on \`${SAMPLE_ATTACK.dataBucket}\`.
3. **Persistence**: CreateUser \`${truth.backdoorUserName}\`, CreateAccessKey (\`${truth.backdoorAccessKeyId}\`),
   AttachUserPolicy AdministratorAccess, CreateLoginProfile.
4. **Defence evasion** with the backdoor key: StopLogging on the trail, DeleteDetector (GuardDuty),
   DeleteBucketPublicAccessBlock and a public PutBucketPolicy on the data bucket.
5. **Return**: a console sign-in as the backdoor user without MFA, then ListUsers and DescribeInstances
   with its key.

Ground truth: ${truth.maliciousEventIds.length} malicious events, the first at **${truth.firstMaliciousTime}**,
the last at ${truth.lastMaliciousTime}. EC2 delivering the role's credentials and the instance's own GetObject calls
from its AWS address (before and during the attack, with the same key) are benign.

| eventTime | eventName | phase | malicious | eventID |
|---|---|---|---|---|
${rows}

## Regenerate

\`\`\`sh
npx tsc -p . && node dist/src/lab/generate/make-samples.js
\`\`\`

The generator is deterministic (a seeded generator, no clock): the same seed gives the same records, and a
test (\`src/lab/generate/sample.test.ts\`) proves the committed files hold exactly what it makes. (The gzip
bytes themselves can differ between zlib versions; the test compares the decompressed content.)
`;
}

/** Writes the sample into `dir` (replacing `dir/cloudtrail`) and returns what was written. */
export async function makeSamples(dir: string): Promise<TrailFilesResult> {
  await rm(join(dir, 'cloudtrail'), { recursive: true, force: true });
  const result = await generateTrailFiles(sampleOptions(dir));
  await writeFile(join(dir, 'README.md'), sampleReadme(result));
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? 'samples');
  const result = await makeSamples(dir);
  process.stderr.write(
    `wrote ${result.files.length} log files, ${result.digestFiles.length} digest files, ${result.records} records (${result.bytes} bytes, ${result.compressedBytes} gzipped) to ${dir}\n`,
  );
}
