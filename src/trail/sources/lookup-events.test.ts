import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { GarrisonError } from '../../errors.js';
import { lookupAttributeFor, lookupEventRecords, lookupWindow } from './lookup-events.js';
import type { SourceItem } from './record-stream.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function embedded(eventName: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice' },
    eventTime: '2026-05-30T10:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.9',
    userAgent: 'aws-cli/2.15.0',
    recipientAccountId: '111122223333',
    ...extra,
  });
}

function event(id: string, cloudTrailEvent: string | undefined) {
  return {
    EventId: id,
    EventName: 'x',
    EventTime: new Date('2026-05-30T10:00:00Z'),
    CloudTrailEvent: cloudTrailEvent,
  };
}

async function collect(items: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const window = lookupWindow(undefined, undefined, NOW);

describe('lookupWindow', () => {
  it('clamps --since to 90 days and says so', () => {
    const clamped = lookupWindow(new Date('2025-01-01T00:00:00Z'), undefined, NOW);
    assert.equal(clamped.start.toISOString(), '2026-03-03T00:00:00.000Z');
    assert.equal(clamped.end, NOW);
    assert.match(clamped.notice ?? '', /90 days/);
    const inside = lookupWindow(new Date('2026-05-01T00:00:00Z'), new Date('2026-05-02T00:00:00Z'), NOW);
    assert.equal(inside.start.toISOString(), '2026-05-01T00:00:00.000Z');
    assert.equal(inside.end.toISOString(), '2026-05-02T00:00:00.000Z');
    assert.equal(inside.notice, undefined);
  });
});

describe('lookupAttributeFor', () => {
  it('pushes the most selective exact clause to the server, never the principal', () => {
    assert.deepEqual(lookupAttributeFor({ eventName: 'CreateUser', accessKey: 'AKIAEXAMPLE' }), {
      AttributeKey: 'AccessKeyId',
      AttributeValue: 'AKIAEXAMPLE',
    });
    assert.deepEqual(lookupAttributeFor({ eventName: 'CreateUser', eventSource: 'iam.amazonaws.com' }), {
      AttributeKey: 'EventName',
      AttributeValue: 'CreateUser',
    });
    assert.deepEqual(lookupAttributeFor({ eventSource: 'iam.amazonaws.com' }), {
      AttributeKey: 'EventSource',
      AttributeValue: 'iam.amazonaws.com',
    });
    assert.equal(lookupAttributeFor({}), undefined);
    assert.equal(lookupAttributeFor({ principal: 'alice' } as never), undefined);
  });

  it('sends the attribute with every page', async () => {
    const mock = mockClient(CloudTrailClient);
    mock.on(LookupEventsCommand).resolvesOnce({ Events: [], NextToken: 't' }).resolvesOnce({ Events: [] });
    try {
      const attribute = { AttributeKey: 'EventName' as const, AttributeValue: 'ConsoleLogin' };
      await collect(
        lookupEventRecords(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window, attribute),
      );
      const calls = mock.commandCalls(LookupEventsCommand);
      assert.equal(calls.length, 2);
      for (const call of calls) assert.deepEqual(call.args[0].input.LookupAttributes, [attribute]);
    } finally {
      mock.restore();
    }
  });
});

describe('LookupEvents source (mocked CloudTrail)', () => {
  it('follows every page and parses the embedded CloudTrailEvent, rejecting the malformed ones', async () => {
    const mock = mockClient(CloudTrailClient);
    mock
      .on(LookupEventsCommand)
      .resolvesOnce({
        Events: [event('e1', embedded('CreateUser')), event('e2', '{"eventName": "trunc')],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Events: [event('e3', embedded('CreateAccessKey')), event('e4', undefined), event('e5', embedded(''))],
      });
    try {
      const items = await collect(
        lookupEventRecords(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window),
      );
      const records = items.flatMap((i) => (i.kind === 'record' ? [i] : []));
      const rejected = items.flatMap((i) => (i.kind === 'rejected' ? [i.rejection] : []));
      assert.deepEqual(
        records.map((r) => [r.record.eventName, r.origin.source, r.origin.index]),
        [
          ['CreateUser', 'cloudtrail:us-east-1', 0],
          ['CreateAccessKey', 'cloudtrail:us-east-1', 2],
        ],
      );
      assert.deepEqual(
        rejected.map((r) => r.location),
        ['cloudtrail:us-east-1#e2', 'cloudtrail:us-east-1#e4', 'cloudtrail:us-east-1#e5'],
      );
      assert.match(rejected[0]!.reason, /invalid JSON/);
      assert.match(rejected[1]!.reason, /empty event/);
      assert.match(rejected[2]!.reason, /eventName/);
      const calls = mock.commandCalls(LookupEventsCommand);
      assert.equal(calls.length, 2);
      assert.equal(calls[1]!.args[0].input.NextToken, 'page-2');
      assert.deepEqual(calls[0]!.args[0].input.StartTime, window.start);
    } finally {
      mock.restore();
    }
  });

  it('keeps what was read when throttling outlasts the retries part-way, as one rejection', async () => {
    const mock = mockClient(CloudTrailClient);
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    mock
      .on(LookupEventsCommand)
      .resolvesOnce({ Events: [event('e1', embedded('GetUser'))], NextToken: 'p2' })
      .rejectsOnce(throttled);
    try {
      const items = await collect(
        lookupEventRecords(new CloudTrailClient({ region: 'eu-west-1' }), 'eu-west-1', window),
      );
      assert.equal(items.length, 2);
      assert.equal(items[0]!.kind, 'record');
      assert.deepEqual(items[1], {
        kind: 'rejected',
        rejection: {
          location: 'cloudtrail:eu-west-1',
          reason: 'stopped after 1 events: ThrottlingException: Rate exceeded',
        },
      });
    } finally {
      mock.restore();
    }
  });

  it('stops with an AWS error and a hint when the first call fails', async () => {
    const mock = mockClient(CloudTrailClient);
    mock
      .on(LookupEventsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    try {
      await assert.rejects(
        collect(lookupEventRecords(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window)),
        (error: unknown) =>
          error instanceof GarrisonError &&
          error.code === 'aws' &&
          /AccessDenied/.test(error.message) &&
          Boolean(error.hint),
      );
    } finally {
      mock.restore();
    }
  });

  it('says the endpoint does not implement LookupEvents when it answers with an HTML page (moto)', async () => {
    const mock = mockClient(CloudTrailClient);
    const page = new Error(
      `Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
    );
    page.name = 'SyntaxError';
    mock.on(LookupEventsCommand).rejects(page);
    try {
      await assert.rejects(
        collect(lookupEventRecords(new CloudTrailClient({ region: 'us-east-1' }), 'us-east-1', window)),
        (error: unknown) =>
          error instanceof GarrisonError &&
          error.code === 'aws-unsupported' &&
          /does not implement/.test(error.message) &&
          /S3 or CloudWatch Logs/.test(error.hint ?? ''),
      );
    } finally {
      mock.restore();
    }
  });

  it('rides out a throttled answer through the SDK retry (real retry middleware, fake HTTP)', async () => {
    let calls = 0;
    const answer = (statusCode: number, body: unknown) => ({
      response: {
        statusCode,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: Readable.from([Buffer.from(JSON.stringify(body))]),
      },
    });
    const client = new CloudTrailClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      retryMode: 'adaptive',
      maxAttempts: 3,
      requestHandler: {
        handle: async () => {
          calls++;
          if (calls === 1) return answer(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
          return answer(200, {
            Events: [{ EventId: 'e1', EventTime: 1780000000, CloudTrailEvent: embedded('ListUsers') }],
          });
        },
      },
    });
    const items = await collect(lookupEventRecords(client, 'us-east-1', window));
    assert.equal(calls, 2);
    assert.deepEqual(
      items.map((i) => (i.kind === 'record' ? i.record.eventName : i.rejection.reason)),
      ['ListUsers'],
    );
  });
});
