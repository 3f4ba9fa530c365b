import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateDetectorCommand, GuardDutyClient, UpdateDetectorCommand } from '@aws-sdk/client-guardduty';
import type { StepContext } from '../../respond/step.js';
import { type GuardDutyState, readGuardDuty } from '../state/guardduty.js';
import { type Change, idsOf, prepareStep } from './define-step.js';
import {
  makeRole,
  ROLE_READ_ACTIONS,
  ROLE_WRITE_ACTIONS,
  type RoleState,
  type RoleWanted,
  readRole,
  roleGaps,
} from './service-role.js';
import { arns, type PrepareTarget } from './settings.js';

const GUARDDUTY_READ = [
  'guardduty:ListDetectors',
  'guardduty:GetDetector',
  'guardduty:ListPublishingDestinations',
  'events:ListRules',
  'events:ListTargetsByRule',
];

type Regional = Record<string, GuardDutyState>;

/** GuardDuty in every region: the audit's reading for the plan, read again for verify. */
async function guardDutyOf(ctx: StepContext<PrepareTarget>, fresh: boolean): Promise<Regional> {
  const out: Regional = {};
  for (const region of ctx.target.snapshot.regions) {
    const seen = ctx.target.snapshot.guardDuty[region];
    out[region] = !fresh && seen?.ok ? seen.value : await readGuardDuty(ctx.clients, region);
  }
  return out;
}

export function detectorGaps(state: Regional): Change[] {
  return Object.entries(state).flatMap(([region, s]): Change[] => {
    if (s.detectors.some((d) => d.enabled)) return [];
    const suspended = s.detectors[0];
    if (suspended)
      return [
        {
          kind: 'enable-detector',
          region,
          detector: suspended.id,
          update: true,
          summary: `${region}: re-enable suspended GuardDuty detector ${suspended.id}`,
        },
      ];
    return [{ kind: 'create-detector', region, summary: `${region}: create a GuardDuty detector` }];
  });
}

export const guardDutyDetectorsStep = prepareStep<Regional>({
  id: 'guardduty-detectors',
  title: 'A GuardDuty detector enabled in every enabled region',
  iamActions: [
    ...GUARDDUTY_READ,
    'guardduty:CreateDetector',
    'guardduty:UpdateDetector',
    'iam:CreateServiceLinkedRole',
  ],
  observe: guardDutyOf,
  gaps: detectorGaps,
  async make(ctx, changes) {
    const ids: string[] = [];
    for (const c of changes) {
      const guardduty = ctx.clients.client(GuardDutyClient, c.region as string);
      if (c.kind === 'create-detector')
        ids.push(
          ...idsOf(
            await guardduty.send(
              new CreateDetectorCommand({ Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' }),
            ),
          ),
        );
      else
        ids.push(
          ...idsOf(
            await guardduty.send(
              new UpdateDetectorCommand({ DetectorId: c.detector as string, Enable: true }),
            ),
          ),
        );
    }
    return ids;
  },
  ready: (s) => `GuardDuty is enabled in ${Object.keys(s).length} region(s)`,
});

/** The event pattern of garrison's finding rule: GuardDuty findings at or above a severity. */
export function findingPattern(minSeverity: number): string {
  return JSON.stringify({
    source: ['aws.guardduty'],
    'detail-type': ['GuardDuty Finding'],
    detail: { severity: [{ numeric: ['>=', minSeverity] }] },
  });
}

/** Regions with no route for findings yet (the home region routes to the topic, the others forward to it). */
export function routeGaps(state: Regional, target: PrepareTarget): Change[] {
  const home = target.settings.homeRegion;
  const unrouted = Object.entries(state)
    .filter(([, s]) => !s.findingRoutes.some((r) => r.targets.length > 0) && s.publishingDestinations === 0)
    .map(([region]) => region);
  return unrouted.map((region) => ({
    kind: 'route-findings',
    region,
    summary:
      region === home
        ? `${region}: rule ${target.settings.findingRuleName} sends findings of severity ≥ ${target.settings.minSeverity} to ${target.settings.topicName}`
        : `${region}: rule ${target.settings.findingRuleName} forwards findings of severity ≥ ${target.settings.minSeverity} to the ${home} event bus`,
  }));
}

/** The role EventBridge uses to forward findings from other regions to the home region's bus. */
export function forwarderWanted(target: PrepareTarget): RoleWanted {
  return {
    name: target.settings.forwarderRoleName,
    principal: { Service: 'events.amazonaws.com' },
    condition: { StringEquals: { 'aws:SourceAccount': target.account } },
    policyName: 'forward-guardduty-findings',
    policy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: arns(target).homeBus }],
    },
    description: `EventBridge forwards GuardDuty findings to the ${target.settings.homeRegion} event bus`,
  };
}

export const findingForwarderRoleStep = prepareStep<RoleState | undefined>({
  id: 'guardduty-forwarder-role',
  title: 'The IAM role EventBridge uses to forward findings from every region to the home region',
  iamActions: [...GUARDDUTY_READ, ...ROLE_READ_ACTIONS, ...ROLE_WRITE_ACTIONS],
  async observe(ctx, fresh) {
    const home = ctx.target.settings.homeRegion;
    const needed = routeGaps(await guardDutyOf(ctx, fresh), ctx.target).some((c) => c.region !== home);
    const wanted = forwarderWanted(ctx.target);
    return needed ? readRole(ctx.clients, wanted.name, wanted.policyName) : undefined;
  },
  gaps: (state, ctx) => (state ? roleGaps(state, forwarderWanted(ctx.target)) : []),
  make: (ctx, changes) => makeRole(ctx.clients, forwarderWanted(ctx.target), changes),
  ready: (s) => (s ? `role ${s.name} forwards findings` : 'no region needs forwarding'),
});

export const findingRoutesStep = prepareStep<Regional>({
  id: 'guardduty-finding-routes',
  title: 'GuardDuty findings at or above --min-severity routed to the alert topic from every region',
  iamActions: [
    ...GUARDDUTY_READ,
    'events:PutRule',
    'events:PutTargets',
    'events:TagResource',
    'iam:PassRole',
  ],
  dependsOn: ['alarm-topic', 'guardduty-forwarder-role'],
  observe: guardDutyOf,
  gaps: (state, ctx) => routeGaps(state, ctx.target),
  async make(ctx, changes) {
    const { settings } = ctx.target;
    const names = arns(ctx.target);
    const ids: string[] = [];
    for (const c of changes) {
      const region = c.region as string;
      const events = ctx.clients.client(EventBridgeClient, region);
      ids.push(
        ...idsOf(
          await events.send(
            new PutRuleCommand({
              Name: settings.findingRuleName,
              Description: `garrison: GuardDuty findings of severity >= ${settings.minSeverity}`,
              EventPattern: findingPattern(settings.minSeverity),
              State: 'ENABLED',
              Tags: [{ Key: 'garrison:purpose', Value: 'prepare' }],
            }),
          ),
        ),
      );
      const target =
        region === settings.homeRegion
          ? { Id: 'garrison-alerts', Arn: names.topic }
          : { Id: 'garrison-home-bus', Arn: names.homeBus, RoleArn: names.forwarderRole };
      const put = await events.send(
        new PutTargetsCommand({ Rule: settings.findingRuleName, Targets: [target] }),
      );
      if ((put.FailedEntryCount ?? 0) > 0) {
        const why = put.FailedEntries?.map((f) => `${f.ErrorCode}: ${f.ErrorMessage}`).join('; ');
        throw new Error(`${region}: EventBridge refused the target of ${settings.findingRuleName}: ${why}`);
      }
      ids.push(...idsOf(put));
    }
    return ids;
  },
  ready: (s) => `GuardDuty findings are routed in ${Object.keys(s).length} region(s)`,
});
