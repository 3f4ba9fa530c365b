import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  paginateListSubscriptionsByTopic,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import type { AwsClients } from '../../aws/clients.js';
import { isMissing } from '../../respond/playbooks/shared/aws-errors.js';
import { mergePolicy, missingStatements, type PolicyStatement, parsePolicy } from './bucket-policy.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import { arns, type PrepareTarget, partitionOf } from './settings.js';

/** Who may publish to the alert topic: this account's CloudWatch alarms and EventBridge rules. */
export function topicStatements(target: PrepareTarget): PolicyStatement[] {
  const topic = arns(target).topic;
  const p = partitionOf(target.settings.homeRegion);
  return [
    {
      Sid: 'GarrisonCloudWatchAlarms',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topic,
      Condition: { ArnLike: { 'aws:SourceArn': `arn:${p}:cloudwatch:*:${target.account}:alarm:*` } },
    },
    {
      Sid: 'GarrisonGuardDutyFindings',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topic,
      Condition: { ArnLike: { 'aws:SourceArn': `arn:${p}:events:*:${target.account}:rule/*` } },
    },
  ];
}

interface TopicState {
  arn: string;
  exists: boolean;
  policy: string | undefined;
  /** Endpoints subscribed (confirmed or pending). */
  endpoints: string[];
  confirmed: number;
}

export async function readTopic(clients: AwsClients, arn: string): Promise<TopicState> {
  const sns = clients.client(SNSClient, arn.split(':')[3]);
  let policy: string | undefined;
  try {
    const answer = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
    policy = answer.Attributes?.Policy;
  } catch (error) {
    if (isMissing(error, 'NotFound', 'NotFoundException'))
      return { arn, exists: false, policy: undefined, endpoints: [], confirmed: 0 };
    throw error;
  }
  const endpoints: string[] = [];
  let confirmed = 0;
  for await (const page of paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: arn })) {
    for (const s of page.Subscriptions ?? []) {
      if (s.Endpoint) endpoints.push(s.Endpoint);
      if (s.SubscriptionArn?.startsWith('arn:')) confirmed++;
    }
  }
  return { arn, exists: true, policy, endpoints, confirmed };
}

export function topicGaps(state: TopicState, target: PrepareTarget): Change[] {
  const email = target.settings.email;
  const subscribe: Change[] =
    email && !state.endpoints.includes(email)
      ? [
          {
            kind: 'subscribe-email',
            email,
            summary: `subscribe ${email} to ${target.settings.topicName} (they must confirm the e-mail)`,
          },
        ]
      : [];
  if (!state.exists) {
    return [
      {
        kind: 'create-topic',
        summary: `create SNS topic ${target.settings.topicName} in ${target.settings.homeRegion} (CloudWatch alarms and EventBridge may publish)`,
      },
      ...subscribe,
    ];
  }
  const missing = missingStatements(parsePolicy(state.policy), topicStatements(target));
  const policy: Change[] = missing.length
    ? [
        {
          kind: 'add-topic-policy',
          update: true,
          summary: `let ${missing.map((s) => s.Sid).join(', ')} publish to ${state.arn} (existing statements kept)`,
        },
      ]
    : [];
  return [...policy, ...subscribe];
}

async function makeTopic(clients: AwsClients, target: PrepareTarget, changes: Change[]): Promise<string[]> {
  const sns = clients.client(SNSClient, target.settings.homeRegion);
  const ids: string[] = [];
  let topicArn = arns(target).topic;
  for (const c of changes) {
    if (c.kind === 'create-topic') {
      const created = await sns.send(
        new CreateTopicCommand({
          Name: target.settings.topicName,
          Tags: [{ Key: 'garrison:purpose', Value: 'prepare' }],
        }),
      );
      topicArn = created.TopicArn ?? topicArn;
      ids.push(...idsOf(created));
    }
    if (c.kind === 'create-topic' || c.kind === 'add-topic-policy') {
      const current = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
      const merged = mergePolicy(parsePolicy(current.Attributes?.Policy), topicStatements(target));
      ids.push(
        ...idsOf(
          await sns.send(
            new SetTopicAttributesCommand({
              TopicArn: topicArn,
              AttributeName: 'Policy',
              AttributeValue: JSON.stringify(merged),
            }),
          ),
        ),
      );
    }
    if (c.kind === 'subscribe-email') {
      ids.push(
        ...idsOf(
          await sns.send(
            new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: c.email as string }),
          ),
        ),
      );
    }
  }
  return ids;
}

export const alarmTopicStep = prepareStep<TopicState>({
  id: 'alarm-topic',
  title: 'The SNS topic that pages the responders (alarms and GuardDuty findings publish to it)',
  iamActions: [
    'sns:GetTopicAttributes',
    'sns:ListSubscriptionsByTopic',
    'sns:CreateTopic',
    'sns:TagResource',
    'sns:SetTopicAttributes',
    'sns:Subscribe',
  ],
  observe: (ctx) => readTopic(ctx.clients, arns(ctx.target).topic),
  gaps: (state, ctx) => topicGaps(state, ctx.target),
  make: (ctx, changes) => makeTopic(ctx.clients, ctx.target, changes),
  ready: (s) => {
    const pending = s.endpoints.length - s.confirmed;
    const waiting =
      pending > 0 ? `, ${pending} awaiting confirmation (alarms page nobody until confirmed)` : '';
    const nobody = s.endpoints.length === 0 ? ' (nobody subscribed: give --email)' : '';
    return `topic ${s.arn}: ${s.confirmed} confirmed subscription(s)${waiting}${nobody}`;
  },
  warnings: (_changes, ctx) =>
    ctx.target.settings.email
      ? []
      : ['no --email: nobody is subscribed to the alert topic, so no alarm pages anyone'],
});
