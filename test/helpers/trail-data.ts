/**
 * Small, deterministic CloudTrail test data for the scanner's tests: realistic records, hostile
 * variants (shuffled keys, nested "eventVersion" objects, escapes and control characters in
 * attacker-controlled fields), and the file layouts CloudTrail input comes in.
 */

export type Rng = () => number;

/** A seeded PRNG (mulberry32): the same seed gives the same data on every run. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: Rng, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

const NAMES = [
  'ConsoleLogin',
  'GetObject',
  'AssumeRole',
  'DescribeInstances',
  'CreateAccessKey',
  'PutBucketPolicy',
];
const SOURCES = [
  'signin.amazonaws.com',
  's3.amazonaws.com',
  'sts.amazonaws.com',
  'ec2.amazonaws.com',
  'iam.amazonaws.com',
];
const USERS = ['alice', 'bob', 'mallory', 'ci-deployer'];
const IPS = ['203.0.113.7', '198.51.100.23', '192.0.2.44', '10.0.0.5'];
const HOSTILE_TEXT = [
  'evil"quote',
  'back\\slash',
  '\u001b[31mred\u001b[0m',
  '=cmd|calc!A1',
  'ünïcödé ✓',
  '},{"eventVersion":"1.08","eventName":"ConsoleLogin"}',
  '"eventName":"ConsoleLogin"',
  'line\nbreak',
];

/** One realistic record; `hostile` adds nested eventVersion objects and attacker-controlled junk. */
export function makeRecord(r: Rng, index: number, hostile = false): Record<string, unknown> {
  const user = pick(r, USERS);
  const eventName = pick(r, NAMES);
  const record: Record<string, unknown> = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${index.toString(36).toUpperCase().padStart(8, 'X')}`,
      arn: `arn:aws:iam::123456789012:user/${user}`,
      accountId: '123456789012',
      accessKeyId: `AKIA${(index % 7).toString().padStart(16, '0')}`,
      userName: user,
    },
    eventTime: new Date(Date.UTC(2024, 4, 1) + index * 61_000).toISOString().replace('.000', ''),
    eventSource: pick(r, SOURCES),
    eventName,
    awsRegion: pick(r, ['us-east-1', 'eu-west-1']),
    sourceIPAddress: pick(r, IPS),
    userAgent: hostile ? pick(r, HOSTILE_TEXT) : 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 botocore/2.4',
    requestParameters: { bucketName: `bucket-${index % 5}`, key: `reports/${index}.csv` },
    responseElements: null,
    requestID: `REQ${index}`,
    eventID: `00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`,
    readOnly: r() < 0.5,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
  };
  if (r() < 0.2) record.errorCode = 'AccessDenied';
  if (hostile) {
    const nested = [
      {
        eventVersion: '9.99',
        eventName: 'ConsoleLogin',
        eventTime: '2024-05-01T00:00:00Z',
        eventSource: 'x',
      },
      { eventVersion: pick(r, HOSTILE_TEXT), userName: 'mallory' },
    ];
    record.requestParameters = {
      items: [{ a: 1 }, ...nested],
      policy: { eventVersion: '1.08', eventName: pick(r, NAMES) },
      tag: pick(r, HOSTILE_TEXT),
    };
    return shuffle(r, record);
  }
  return record;
}

/** The same record with its keys in a random order (nested objects too). */
export function shuffle(r: Rng, value: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [
      k,
      v && typeof v === 'object' && !Array.isArray(v) ? shuffle(r, v as Record<string, unknown>) : v,
    ]),
  );
}

export function makeRecords(seed: number, count: number, hostile = false): Record<string, unknown>[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => makeRecord(r, i, hostile && r() < 0.5));
}

/** CloudTrail's delivered layout, compact. */
export function delivered(records: unknown[]): Buffer {
  return Buffer.from(JSON.stringify({ Records: records }));
}

export function ndjson(records: unknown[]): Buffer {
  return Buffer.from(`${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
}
