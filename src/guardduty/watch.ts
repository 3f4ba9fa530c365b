import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { AwsClients } from '../aws/clients.js';
import { addDocument, emptyBatch, type FindingBatch } from './documents.js';
import type { GuardDutyFinding, RejectedFinding } from './schema.js';

/**
 * Consumes GuardDuty findings an EventBridge rule (source aws.guardduty, detail-type "GuardDuty
 * Finding") delivers to an SQS queue, directly or through SNS. Long polling; a message is deleted only
 * after its finding was stored (a crash or a store error leaves it to come back after its visibility
 * timeout).
 *
 * Malformed messages (not JSON, not a GuardDuty finding event, a finding that fails validation) are
 * reported and, by default, deleted: they can never become valid, and left in place they would come
 * back forever. With `keepMalformed` they are left for the queue's redrive policy (a dead-letter
 * queue after maxReceiveCount receives), for queues that keep the evidence that way.
 */
export interface WatchOptions {
  queueUrl: string;
  /** Messages per receive, 1–10 (default 10). */
  maxMessages?: number;
  /** Long-poll wait, 0–20 s (default 20). */
  waitSeconds?: number;
  /** Stop after one receive. */
  once?: boolean;
  keepMalformed?: boolean;
  signal?: AbortSignal;
  /** Stores the findings of one receive; throwing leaves their messages on the queue. */
  store(findings: GuardDutyFinding[]): void | Promise<void>;
  onRejected?(rejected: RejectedFinding): void;
  onError?(error: Error): void;
}

export interface WatchTotals {
  receives: number;
  messages: number;
  stored: number;
  rejected: number;
  deleted: number;
  deleteFailures: number;
}

/** The queue's region, read from its URL (https://sqs.<region>.amazonaws.com/...), if it says. */
export function queueRegion(url: string): string | undefined {
  return /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(url)?.[1];
}

/** A message body as one JSON document: the EventBridge event, or an SNS notification carrying it. */
function readBody(body: string, where: string, into: FindingBatch): void {
  let value: unknown;
  try {
    value = JSON.parse(body);
    const sns = value as { Type?: unknown; Message?: unknown } | null;
    if (sns?.Type === 'Notification' && typeof sns.Message === 'string') value = JSON.parse(sns.Message);
  } catch (error) {
    into.rejected.push({ where, reason: `not JSON: ${(error as Error).message.slice(0, 120)}` });
    return;
  }
  addDocument(value, where, into);
}

async function handle(messages: Message[], options: WatchOptions, totals: WatchTotals): Promise<Message[]> {
  const done: Message[] = [];
  const good: { message: Message; findings: GuardDutyFinding[] }[] = [];
  for (const message of messages) {
    const batch = emptyBatch();
    readBody(message.Body ?? '', `message ${message.MessageId ?? '?'}`, batch);
    for (const r of batch.rejected) options.onRejected?.(r);
    totals.rejected += batch.rejected.length;
    if (batch.findings.length) good.push({ message, findings: batch.findings });
    else if (!options.keepMalformed) done.push(message);
  }
  const findings = good.flatMap((g) => g.findings);
  if (findings.length) {
    await options.store(findings);
    totals.stored += findings.length;
    done.push(...good.map((g) => g.message));
  }
  return done;
}

export async function watchQueue(clients: AwsClients, options: WatchOptions): Promise<WatchTotals> {
  const region = queueRegion(options.queueUrl) ?? clients.defaultRegion;
  const sqs = clients.client(SQSClient, region);
  const totals: WatchTotals = {
    receives: 0,
    messages: 0,
    stored: 0,
    rejected: 0,
    deleted: 0,
    deleteFailures: 0,
  };
  while (!options.signal?.aborted) {
    let messages: Message[];
    try {
      const answer = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: options.maxMessages ?? 10,
          WaitTimeSeconds: options.waitSeconds ?? 20,
        }),
        options.signal ? { abortSignal: options.signal } : {},
      );
      messages = answer.Messages ?? [];
    } catch (error) {
      if (options.signal?.aborted) break;
      throw error;
    }
    totals.receives++;
    totals.messages += messages.length;
    let done: Message[] = [];
    try {
      done = await handle(messages, options, totals);
    } catch (error) {
      // Nothing of this receive is deleted: the messages come back after their visibility timeout.
      if (options.once || !options.onError) throw error;
      options.onError(error as Error);
    }
    if (done.length) {
      const answer = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
      totals.deleted += answer.Successful?.length ?? 0;
      totals.deleteFailures += answer.Failed?.length ?? 0;
    }
    if (options.once) break;
  }
  return totals;
}
