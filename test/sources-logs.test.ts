import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GarrisonError } from '../src/errors.js';
import { logGroupRecords, parseLogsSpec } from '../src/trail/sources/cloudwatch-logs.js';
import type { SourceItem } from '../src/trail/sources/record-stream.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { trailRecord } from './helpers/trail-fixtures.js';

const GROUP = 'aws-cloudtrail-logs-111122223333';
const HOUR = 3_600_000;

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Delivers messages to a stream as CloudTrail does: one record per log event, timestamped at eventTime. */
async function deliver(
  logs: CloudWatchLogsClient,
  stream: string,
  messages: { at: number; message: string }[],
) {
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: GROUP,
      logStreamName: stream,
      logEvents: messages.map((m) => ({ timestamp: m.at, message: m.message })),
    }),
  );
}

describe('parseLogsSpec', () => {
  it('reads the group and an optional stream prefix, and refuses a malformed group', () => {
    assert.deepEqual(parseLogsSpec('logs:/aws/cloudtrail/org'), { group: '/aws/cloudtrail/org' });
    assert.deepEqual(parseLogsSpec(`logs:${GROUP}:111122223333_CloudTrail_eu`), {
      group: GROUP,
      streamPrefix: '111122223333_CloudTrail_eu',
    });
    assert.throws(() => parseLogsSpec('logs:'), GarrisonError);
    assert.throws(() => parseLogsSpec('logs:bad group\u001b[2J'), /not a CloudWatch Logs group/);
  });
});

describe('CloudWatch Logs CloudTrail source on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('reads the records of every stream, rejects bad messages with their location, honours the time range and stream prefix', async () => {
    const logs = moto.clients().client(CloudWatchLogsClient);
    await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    const now = Date.now();
    const at = (t: number) => ({
      at: t,
      message: JSON.stringify(trailRecord({ eventTime: new Date(t).toISOString(), eventName: `Call${t}` })),
    });
    await deliver(logs, '111122223333_CloudTrail_us-east-1', [
      at(now - 5 * HOUR),
      at(now - 2 * HOUR),
      { at: now - 2 * HOUR + 1, message: 'not json at all' },
      { at: now - 2 * HOUR + 2, message: '{"eventSource":"s3.amazonaws.com"}' },
    ]);
    await deliver(logs, '111122223333_CloudTrail_eu-west-1', [at(now - HOUR)]);

    const all = await collect(logGroupRecords(logs, parseLogsSpec(`logs:${GROUP}`)));
    const records = all.flatMap((i) => (i.kind === 'record' ? [i] : []));
    const rejected = all.flatMap((i) => (i.kind === 'rejected' ? [i.rejection] : []));
    assert.equal(records.length, 3);
    assert.ok(records.every((r) => r.origin.source.startsWith(`logs:${GROUP}/111122223333_CloudTrail_`)));
    assert.equal(rejected.length, 2);
    for (const r of rejected)
      assert.match(r.location, new RegExp(`^logs:${GROUP}/111122223333_CloudTrail_us-east-1#.+`));
    assert.match(rejected.map((r) => r.reason).join(' '), /invalid JSON/);
    assert.match(rejected.map((r) => r.reason).join(' '), /eventTime/);

    const recent = await collect(
      logGroupRecords(logs, parseLogsSpec(`logs:${GROUP}`), new Date(now - 3 * HOUR)),
    );
    assert.equal(recent.filter((i) => i.kind === 'record').length, 2);

    const eu = await collect(
      logGroupRecords(logs, parseLogsSpec(`logs:${GROUP}:111122223333_CloudTrail_eu`)),
    );
    assert.deepEqual(
      eu.map((i) => (i.kind === 'record' ? i.origin.source : 'rejected')),
      [`logs:${GROUP}/111122223333_CloudTrail_eu-west-1`],
    );
  });

  it('fails with an AWS error and a hint when the group does not exist', async () => {
    const logs = moto.clients().client(CloudWatchLogsClient);
    await assert.rejects(collect(logGroupRecords(logs, { group: 'no-such-group' })), (error: unknown) => {
      assert.ok(error instanceof GarrisonError);
      assert.equal(error.code, 'aws');
      assert.match(error.message, /ResourceNotFound/);
      return true;
    });
  });
});
