import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { GarrisonError } from '../src/errors.js';
import { eventsFilterSpec } from '../src/trail/filter-spec.js';
import type { CloudTrailRecord } from '../src/trail/record.js';
import type { ScanEvent } from '../src/trail/scan/types.js';
import { readTrail } from '../src/trail/sources/read-trail.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { trailRecord, uploadTrail } from './helpers/trail-fixtures.js';

async function drain(
  run: AsyncIterable<ScanEvent<CloudTrailRecord>>,
): Promise<ScanEvent<CloudTrailRecord>[]> {
  const out: ScanEvent<CloudTrailRecord>[] = [];
  for await (const event of run) out.push(event);
  return out;
}

const names = (events: ScanEvent<CloudTrailRecord>[]) =>
  events.flatMap((e) => (e.kind === 'match' ? [e.value.eventName] : [])).sort();

describe('readTrail: source specs', () => {
  it('refuses an unknown source, a missing path, no source and stdin twice before reading anything', () => {
    const matcher = eventsFilterSpec({});
    const usage = (error: unknown) =>
      error instanceof GarrisonError && error.code === 'usage' && Boolean(error.hint);
    assert.throws(() => readTrail(['ftp://x/y'], { matcher }), usage);
    assert.throws(() => readTrail(['/no/such/dir/AWSLogs'], { matcher }), usage);
    assert.throws(() => readTrail([], { matcher }), usage);
    assert.throws(() => readTrail(['-', '-'], { matcher }), GarrisonError);
  });
});

describe('readTrail: local files and stdin', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-read-'));
    const at = (account: string, day: string) =>
      join(dir, 'AWSLogs', account, 'CloudTrail', 'us-east-1', ...day.split('/'));
    for (const [account, day, name] of [
      ['111122223333', '2026/03/14', 'CreateUser'],
      ['111122223333', '2026/03/01', 'OldCall'],
      ['444455556666', '2026/03/14', 'OtherAccount'],
    ] as const) {
      const folder = at(account, day);
      writeFileSync(
        join(mkdirp(folder), `${account}_CloudTrail_us-east-1_${day.replaceAll('/', '')}T1000Z_a.json.gz`),
        gzipSync(
          JSON.stringify({
            Records: [trailRecord({ eventName: name, eventTime: `${day.replaceAll('/', '-')}T09:00:00Z` })],
          }),
        ),
      );
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prunes delivered paths by account and day, and counts what it read', async () => {
    const run = readTrail<CloudTrailRecord>([dir], {
      matcher: eventsFilterSpec({}),
      workers: 1,
      scope: { since: new Date('2026-03-14T00:00:00Z'), accounts: ['111122223333'] },
    });
    assert.deepEqual(names(await drain(run)), ['CreateUser']);
    assert.equal(run.summary.files, 1);
    assert.equal(run.summary.records, 1);
    assert.equal(run.summary.matched, 1);
  });

  it('reads stdin (-) alongside files, and rejects bad stdin with its location', async () => {
    const stdin = (async function* () {
      yield Buffer.from(`${JSON.stringify(trailRecord({ eventName: 'FromStdin' }))}\n{"eventName": oops}\n`);
    })();
    const run = readTrail<CloudTrailRecord>(['-'], { matcher: eventsFilterSpec({}), workers: 1, stdin });
    const events = await drain(run);
    assert.deepEqual(names(events), ['FromStdin']);
    assert.equal(run.summary.rejected, 1);
    assert.match(run.summary.errors[0]!.location, /^-/);
  });
});

function mkdirp(folder: string): string {
  mkdirSync(folder, { recursive: true });
  return folder;
}

describe('readTrail: S3, CloudWatch Logs and LookupEvents together', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('streams matches from every source through one matcher, with one summary', async () => {
    const clients = moto.clients();
    await uploadTrail(clients.client(S3Client), 'trail-mixed', [
      {
        account: '111122223333',
        region: 'us-east-1',
        day: '2026/03/14',
        records: [trailRecord({ eventName: 'FromS3' }), trailRecord({ eventName: 'Other' })],
      },
    ]);
    const logs = clients.client(CloudWatchLogsClient);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'trail-group' }));
    await logs.send(
      new CreateLogStreamCommand({
        logGroupName: 'trail-group',
        logStreamName: '111122223333_CloudTrail_us-east-1',
      }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'trail-group',
        logStreamName: '111122223333_CloudTrail_us-east-1',
        logEvents: [
          { timestamp: Date.now(), message: JSON.stringify(trailRecord({ eventName: 'FromLogs' })) },
          {
            timestamp: Date.now(),
            message: JSON.stringify(
              trailRecord({ eventName: 'FromLogs', recipientAccountId: '999999999999' }),
            ),
          },
          { timestamp: Date.now(), message: '{"not":"cloudtrail"}' },
        ],
      }),
    );
    const lookup = mockClient(CloudTrailClient);
    lookup.on(LookupEventsCommand).resolves({
      Events: [
        { EventId: 'l1', CloudTrailEvent: JSON.stringify(trailRecord({ eventName: 'FromLookup' })) },
        {
          EventId: 'l2',
          CloudTrailEvent: JSON.stringify(trailRecord({ eventName: 'FromLookup', awsRegion: 'eu-west-1' })),
        },
      ],
    });
    try {
      const run = readTrail<CloudTrailRecord>(
        ['s3://trail-mixed', 'logs:trail-group', 'cloudtrail:us-east-1'],
        {
          matcher: eventsFilterSpec({ where: [{ path: 'eventName', op: 'contains', value: 'from' }] }),
          clients,
          workers: 1,
          scope: {
            since: new Date('2026-01-01T00:00:00Z'),
            accounts: ['111122223333'],
            regions: ['us-east-1'],
          },
          now: new Date('2026-06-01T00:00:00Z'),
        },
      );
      const events = await drain(run);
      assert.deepEqual(names(events), ['FromLogs', 'FromLookup', 'FromS3']);
      const { summary } = run;
      assert.equal(summary.files, 3);
      assert.equal(summary.records, 2 + 2 + 2);
      assert.equal(summary.matched, 3);
      assert.equal(summary.rejected, 1);
      assert.match(summary.errors[0]!.location, /^logs:trail-group\/111122223333_CloudTrail_us-east-1#/);
      assert.match(summary.notices.join(), /90 days/);
      const origins = events.flatMap((e) => (e.kind === 'match' ? [e.origin.source] : []));
      assert.ok(origins.includes('cloudtrail:us-east-1'));
      assert.ok(origins.some((o) => o.startsWith('s3://trail-mixed/AWSLogs/111122223333/CloudTrail/')));
    } finally {
      lookup.restore();
    }
  });

  it('with strict, stops at the first rejected API record', async () => {
    const lookup = mockClient(CloudTrailClient);
    lookup.on(LookupEventsCommand).resolves({ Events: [{ EventId: 'bad-1', CloudTrailEvent: '{' }] });
    try {
      const run = readTrail(['cloudtrail:us-east-1'], {
        matcher: eventsFilterSpec({}),
        clients: moto.clients(),
        strict: true,
      });
      await assert.rejects(drain(run as AsyncIterable<ScanEvent<CloudTrailRecord>>), (error: unknown) => {
        return (
          error instanceof GarrisonError &&
          error.code === 'input' &&
          /cloudtrail:us-east-1#bad-1/.test(error.message)
        );
      });
    } finally {
      lookup.restore();
    }
  });
});
