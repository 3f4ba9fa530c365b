import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../aws/clients.js';
import * as fx from './fixtures.test-data.js';
import type { GuardDutyFinding, RejectedFinding } from './schema.js';
import { queueRegion, watchQueue } from './watch.js';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/111122223333/guardduty';
const clients = () => new AwsClients({ region: 'us-east-1' });

function message(id: string, body: unknown) {
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function deleted(): string[] {
  return sqs
    .commandCalls(DeleteMessageBatchCommand)
    .flatMap((c) => (c.args[0].input.Entries ?? []).map((e) => e.ReceiptHandle as string));
}

describe('watchQueue', () => {
  it('stores findings from direct and SNS-wrapped events, then deletes them and the malformed ones', async () => {
    const a = fx.ec2Finding();
    const b = fx.iamUserFinding();
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [
        message('1', fx.eventOf(a)),
        message('2', { Type: 'Notification', Message: JSON.stringify(fx.eventOf(b)) }),
        message('3', 'not json at all'),
        message('4', { ...fx.eventOf(a), 'detail-type': 'EC2 Instance State-change Notification' }),
      ],
    });
    sqs.on(DeleteMessageBatchCommand).callsFake((input: { Entries: { Id: string }[] }) => ({
      Successful: input.Entries.map((e) => ({ Id: e.Id })),
    }));
    const stored: GuardDutyFinding[] = [];
    const rejected: RejectedFinding[] = [];
    const totals = await watchQueue(clients(), {
      queueUrl: QUEUE,
      once: true,
      store: (f) => {
        assert.equal(deleted().length, 0, 'nothing is deleted before the store');
        stored.push(...f);
      },
      onRejected: (r) => rejected.push(r),
    });
    assert.deepEqual(
      stored.map((f) => f.id),
      [a.id, b.id],
    );
    assert.deepEqual(
      rejected.map((r) => r.where),
      ['message 3', 'message 4'],
    );
    assert.deepEqual(deleted().sort(), ['rh-1', 'rh-2', 'rh-3', 'rh-4']);
    assert.deepEqual(totals, {
      receives: 1,
      messages: 4,
      stored: 2,
      rejected: 2,
      deleted: 4,
      deleteFailures: 0,
    });
    const receive = sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input;
    assert.equal(receive?.WaitTimeSeconds, 20);
    assert.equal(receive?.MaxNumberOfMessages, 10);
    assert.equal(queueRegion(QUEUE), 'eu-west-1');
  });

  it('a store that fails deletes nothing: the messages come back after their visibility timeout', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolves({ Messages: [message('1', fx.eventOf(fx.ec2Finding())), message('2', '{}')] });
    await assert.rejects(
      watchQueue(clients(), {
        queueUrl: QUEUE,
        once: true,
        store: () => {
          throw new Error('disk full');
        },
      }),
      /disk full/,
    );
    assert.equal(sqs.commandCalls(DeleteMessageBatchCommand).length, 0);
  });

  it('--keep-malformed leaves bad messages for the redrive policy; failed deletes are counted', async () => {
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [message('1', fx.eventOf(fx.s3PolicyFinding())), message('2', { id: 'x' })],
    });
    sqs.on(DeleteMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'ReceiptHandleIsInvalid', SenderFault: true }],
    });
    const totals = await watchQueue(clients(), {
      queueUrl: QUEUE,
      once: true,
      keepMalformed: true,
      store: () => {},
    });
    assert.deepEqual(deleted(), ['rh-1']);
    assert.equal(totals.deleteFailures, 1);
    assert.equal(totals.rejected, 1);
  });

  it('keeps polling until aborted (Ctrl-C), honouring the message and wait limits', async () => {
    const stop = new AbortController();
    let receives = 0;
    sqs.on(ReceiveMessageCommand).callsFake(async () => {
      receives++;
      if (receives === 3) stop.abort();
      return { Messages: [] };
    });
    const totals = await watchQueue(clients(), {
      queueUrl: QUEUE,
      maxMessages: 5,
      waitSeconds: 2,
      signal: stop.signal,
      store: () => {},
    });
    assert.equal(totals.receives, 3);
    assert.equal(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input.MaxNumberOfMessages, 5);
    assert.equal(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input.WaitTimeSeconds, 2);
  });

  it('without --once a failing store is reported and polling goes on', async () => {
    const stop = new AbortController();
    let receives = 0;
    sqs.on(ReceiveMessageCommand).callsFake(async () => {
      receives++;
      if (receives === 2) stop.abort();
      return { Messages: [message(String(receives), fx.eventOf(fx.ec2Finding()))] };
    });
    const errors: string[] = [];
    await watchQueue(clients(), {
      queueUrl: QUEUE,
      signal: stop.signal,
      store: () => {
        throw new Error('locked');
      },
      onError: (e) => errors.push(e.message),
    });
    assert.deepEqual(errors, ['locked', 'locked']);
    assert.equal(sqs.commandCalls(DeleteMessageBatchCommand).length, 0);
  });
});
