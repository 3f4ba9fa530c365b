import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { AwsClients } from '../src/aws/clients.js';
import { CaseStore } from '../src/cases/store.js';
import * as fx from '../src/guardduty/fixtures.test-data.js';
import { EMULATOR_CREDENTIALS } from '../src/lab/moto.js';
import { buildEc2Lab } from './helpers/contain-env.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'garrison-gd-eb-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const MOTO_ACCOUNT = '123456789012';

/** An SQS queue that an EventBridge rule for GuardDuty findings delivers to (with the queue policy AWS needs). */
async function guardDutyQueue(clients: AwsClients): Promise<string> {
  const sqs = clients.client(SQSClient);
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'guardduty-findings' })))
    .QueueUrl as string;
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = attrs.Attributes?.QueueArn as string;
  const events = clients.client(EventBridgeClient);
  const rule = await events.send(
    new PutRuleCommand({
      Name: 'guardduty-to-sqs',
      EventPattern: JSON.stringify({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] }),
    }),
  );
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queueUrl,
      Attributes: {
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Resource: queueArn,
              Condition: { ArnEquals: { 'aws:SourceArn': rule.RuleArn } },
            },
          ],
        }),
      },
    }),
  );
  await events.send(
    new PutTargetsCommand({ Rule: 'guardduty-to-sqs', Targets: [{ Id: 'queue', Arn: queueArn }] }),
  );
  return queueUrl;
}

async function queued(clients: AwsClients, queueUrl: string): Promise<number> {
  const a = await clients.client(SQSClient).send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(a.Attributes?.ApproximateNumberOfMessages) +
    Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

describe('GuardDuty finding through EventBridge to a case and a response, on moto', {
  skip: motoSkipReason,
}, () => {
  const moto = useMoto();

  it('PutEvents -> rule -> SQS -> guardduty watch --once -> finding in the case -> respond plans iam-role + ec2', async () => {
    const clients = moto.clients();
    const lab = await buildEc2Lab(clients, 1);
    const instanceId = lab.instanceIds[0] as string;
    const queueUrl = await guardDutyQueue(clients);

    // The finding GuardDuty would raise when the instance's role credentials are used outside AWS.
    const finding = fx.exfiltrationFinding();
    finding.accountId = MOTO_ACCOUNT;
    const resource = finding.resource as Record<string, Record<string, unknown>>;
    Object.assign(resource.accessKeyDetails as object, {
      userName: lab.roleName,
      principalId: `AROAEXAMPLEROLEID:${instanceId}`,
    });
    Object.assign(resource.instanceDetails as object, {
      instanceId,
      iamInstanceProfile: { arn: lab.instanceProfileArn, id: 'AIPAEXAMPLE' },
    });
    const broken = fx.ec2Finding();
    delete broken.resource;
    const events = clients.client(EventBridgeClient);
    const put = await events.send(
      new PutEventsCommand({
        Entries: [finding, broken].map((detail) => ({
          Source: 'aws.guardduty',
          DetailType: 'GuardDuty Finding',
          Detail: JSON.stringify(detail),
        })),
      }),
    );
    assert.equal(put.FailedEntryCount ?? 0, 0);
    assert.equal(await queued(clients, queueUrl), 2, 'the rule delivered both events to the queue');

    const db = join(dir, 'cases.db');
    const store = CaseStore.open(db);
    const c = store.cases.create({ title: 'GuardDuty triage', severity: 'high' });
    store.close();
    const env = {
      GARRISON_DB: db,
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const watch = await runCli(
      ['guardduty', 'watch', '--queue', queueUrl, '--once', '--wait-seconds', '1', '--case', c.id],
      { env },
    );
    assert.equal(watch.status, 2, `one message was malformed: ${watch.stderr}`);
    assert.match(watch.stderr, /rejected message .*: resource: /);
    assert.match(watch.stderr, /2 messages, 1 findings stored in case .*, 1 rejected, 2 deleted/);
    const line = JSON.parse(watch.stdout.trim());
    assert.equal(line.id, finding.id);
    assert.equal(line.playbook, 'iam-role+ec2');
    assert.equal(await queued(clients, queueUrl), 0, 'stored and malformed messages were deleted');

    const check = CaseStore.open(db);
    try {
      const inCase = check.findings.forCase(c.id);
      assert.deepEqual(
        inCase.map((s) => [s.source, s.sourceId, s.finding.severity]),
        [['guardduty', finding.id, 'high']],
      );
    } finally {
      check.close();
    }

    const plan = await runCli(['respond', finding.id as string, '--format', 'json'], { env });
    assert.equal(plan.status, 0, plan.stderr);
    const result = JSON.parse(plan.stdout);
    assert.equal(result.family, 'instance credential exfiltration');
    assert.equal(result.caseId, c.id);
    assert.deepEqual(
      result.steps.map((s: { recommendation: { playbook: string; target: string } }) => [
        s.recommendation.playbook,
        s.recommendation.target,
      ]),
      [
        ['iam-role', lab.roleName],
        ['ec2', instanceId],
      ],
    );
    for (const step of result.steps) {
      assert.equal(step.error, undefined, step.error);
      assert.equal(step.run.status, 'planned');
      assert.equal(step.run.applying, false);
      assert.ok(step.run.outcomes.some((o: { status: string }) => o.status === 'would-change'));
    }
    // A dry run changes nothing: the instance keeps its groups.
    const d = await clients
      .client(EC2Client)
      .send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const groups = d.Reservations?.[0]?.Instances?.[0]?.SecurityGroups?.map((g) => g.GroupId);
    assert.deepEqual(groups, [lab.webGroupId]);
  });

  it('guardduty pull on moto: the detector is listed, the missing findings API is named, exit 2', async () => {
    const clients = moto.clients();
    await clients.client(GuardDutyClient).send(new CreateDetectorCommand({ Enable: true }));
    const r = await runCli(['guardduty', 'pull', '--regions', 'us-east-1', '--format', 'json'], {
      env: {
        GARRISON_DB: join(dir, 'pull.db'),
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(JSON.parse(r.stdout).findings.length, 0);
    assert.match(
      r.stderr,
      /could not read caller us-east-1: this endpoint does not implement the GuardDuty findings API/,
    );
  });
});
