import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { runCli } from './helpers/run-cli.js';
import { type RecordingProxy, recordingProxy } from './helpers/s3-fault-proxy.js';
import { type DeliveredFile, trailRecord, uploadTrail } from './helpers/trail-fixtures.js';

describe('garrison events on moto (S3 and CloudWatch Logs)', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  let proxy: RecordingProxy | undefined;
  after(() => proxy?.close());

  it('reads only the S3 objects in scope: pruned keys are never downloaded', async () => {
    const files: DeliveredFile[] = [];
    for (const account of ['111122223333', '444455556666'])
      for (const region of ['us-east-1', 'eu-west-1'])
        for (const day of ['2026/03/12', '2026/03/14'])
          files.push({
            account,
            region,
            day,
            records: [
              trailRecord({
                recipientAccountId: account,
                awsRegion: region,
                eventTime: `${day.replaceAll('/', '-')}T10:00:00Z`,
                eventName: `Call-${account}-${region}`,
              }),
            ],
          });
    const keys = await uploadTrail(moto.clients().client(S3Client), 'org-trail', files);
    const recorder = await recordingProxy(moto.endpoint);
    proxy = recorder;
    const result = await runCli([
      '--endpoint-url',
      recorder.url,
      '--region',
      'us-east-1',
      'events',
      's3://org-trail/AWSLogs/',
      '--since',
      '2026-03-14T00:00:00Z',
      '--until',
      '2026-03-14T23:59:59Z',
      '--account',
      '444455556666',
      '--region-filter',
      'eu-west-1',
      '--format',
      'json',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(
      out.records.map((r: { eventName: string }) => r.eventName),
      ['Call-444455556666-eu-west-1'],
    );
    assert.equal(out.summary.files, 1);
    const wanted = keys.find((k) => k.includes('444455556666/CloudTrail/eu-west-1/2026/03/14/'))!;
    const gets = recorder.requests.filter((r) => r.startsWith('GET ') && !r.includes('list-type=2'));
    assert.equal(gets.length, 1, gets.join('\n'));
    assert.ok(gets[0]!.includes(wanted), gets[0]);
    const listed = recorder.requests.filter((r) => r.includes('list-type=2')).join('\n');
    assert.doesNotMatch(listed, /111122223333|us-east-1\/|2026\/03\/12/);
  });

  it('reads a CloudWatch Logs group and exits 2 when a message is not a CloudTrail record', async () => {
    const logs = moto.clients().client(CloudWatchLogsClient);
    const group = 'aws-cloudtrail-logs-111122223333';
    const stream = '111122223333_CloudTrail_us-east-1';
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    const now = Date.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: [
          {
            timestamp: now - 1000,
            message: JSON.stringify(
              trailRecord({
                eventName: 'StopLogging',
                eventSource: 'cloudtrail.amazonaws.com',
                eventTime: new Date(now - 1000).toISOString(),
              }),
            ),
          },
          {
            timestamp: now - 500,
            message: JSON.stringify(
              trailRecord({ eventName: 'GetObject', eventTime: new Date(now - 500).toISOString() }),
            ),
          },
          { timestamp: now, message: '\u001b]0;pwned\u0007 not json' },
        ],
      }),
    );
    const result = await runCli([
      '--endpoint-url',
      moto.endpoint,
      'events',
      `logs:${group}`,
      '--since',
      '1h',
      '--event-source',
      'cloudtrail',
      '--format',
      'ndjson',
    ]);
    assert.equal(result.status, 2, result.stderr);
    assert.deepEqual(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).eventName),
      ['StopLogging'],
    );
    assert.match(result.stderr, new RegExp(`rejected logs:${group}/${stream}#\\S+: invalid JSON`));
    assert.match(result.stderr, /1 files, 2 records, 1 matched, 1 rejected/);
    assert.doesNotMatch(result.stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('exit 1 with a hint when the bucket or the log group does not exist, or the endpoint lacks LookupEvents', async () => {
    const s3 = await runCli(['--endpoint-url', moto.endpoint, 'events', 's3://no-such-trail-bucket/']);
    assert.equal(s3.status, 1);
    assert.match(s3.stderr, /cannot list s3:\/\/no-such-trail-bucket\/.*NoSuchBucket/);
    assert.match(s3.stderr, /hint: /);
    const lookup = await runCli(['--endpoint-url', moto.endpoint, 'events', 'cloudtrail:us-east-1']);
    assert.equal(lookup.status, 1);
    assert.match(lookup.stderr, /cannot read cloudtrail:us-east-1: this endpoint does not implement the API/);
    const logs = await runCli(['--endpoint-url', moto.endpoint, 'events', 'logs:missing-group']);
    assert.equal(logs.status, 1);
    assert.match(logs.stderr, /cannot read logs:missing-group/);
  });
});
