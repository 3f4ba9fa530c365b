import {
  EventBridgeClient,
  ListRulesCommand,
  type ListRulesCommandOutput,
  ListTargetsByRuleCommand,
  type ListTargetsByRuleCommandOutput,
} from '@aws-sdk/client-eventbridge';
import {
  GetDetectorCommand,
  GuardDutyClient,
  paginateListDetectors,
  paginateListPublishingDestinations,
} from '@aws-sdk/client-guardduty';
import type { AwsClients } from '../../aws/clients.js';

export interface GuardDutyState {
  detectors: { id: string; enabled: boolean }[];
  /** Export destinations (S3) configured on the detectors. */
  publishingDestinations: number;
  /** EventBridge rules matching GuardDuty findings, with the SNS/SQS/Lambda targets they deliver to. */
  findingRoutes: { rule: string; targets: string[] }[];
}

/** EventBridge has no SDK paginators: this follows NextToken for one list call, with a page cap. */
async function allPages<T extends { NextToken?: string | undefined }>(
  read: (token: string | undefined) => Promise<T>,
): Promise<T[]> {
  const pages: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    pages.push(page);
    token = page.NextToken;
  } while (token && pages.length < 100);
  return pages;
}

/** True when an event pattern would match GuardDuty findings (source aws.guardduty, any prefix form). */
export function matchesGuardDutyFindings(eventPattern: string | undefined): boolean {
  if (!eventPattern) return false;
  try {
    const pattern = JSON.parse(eventPattern) as { source?: unknown; 'detail-type'?: unknown };
    const sources = Array.isArray(pattern.source) ? pattern.source : [];
    const fromGuardDuty = sources.some(
      (s) =>
        s === 'aws.guardduty' ||
        (typeof s === 'object' && s !== null && (s as { prefix?: string }).prefix === 'aws.'),
    );
    const types = pattern['detail-type'];
    const findingsType = !Array.isArray(types) || types.includes('GuardDuty Finding');
    return fromGuardDuty && findingsType;
  } catch {
    return false;
  }
}

const ROUTE_TARGET = /^arn:[^:]+:(sns|sqs|lambda|events|states|logs):/;

export async function readGuardDuty(clients: AwsClients, region: string): Promise<GuardDutyState> {
  const guardduty = clients.client(GuardDutyClient, region);
  const detectorIds: string[] = [];
  for await (const page of paginateListDetectors({ client: guardduty }, {}))
    detectorIds.push(...(page.DetectorIds ?? []));
  const detectors: GuardDutyState['detectors'] = [];
  let publishingDestinations = 0;
  for (const id of detectorIds) {
    const detector = await guardduty.send(new GetDetectorCommand({ DetectorId: id }));
    detectors.push({ id, enabled: detector.Status === 'ENABLED' });
    try {
      for await (const page of paginateListPublishingDestinations(
        { client: guardduty },
        { DetectorId: id },
      )) {
        publishingDestinations += page.Destinations?.length ?? 0;
      }
    } catch {
      // Not every endpoint implements publishing destinations: EventBridge routes still count.
    }
  }
  const events = clients.client(EventBridgeClient, region);
  const rulePages = await allPages<ListRulesCommandOutput>((NextToken) =>
    events.send(new ListRulesCommand({ NextToken })),
  );
  const findingRoutes: GuardDutyState['findingRoutes'] = [];
  for (const rule of rulePages.flatMap((p) => p.Rules ?? [])) {
    if (rule.State === 'DISABLED' || !matchesGuardDutyFindings(rule.EventPattern) || !rule.Name) continue;
    const targetPages = await allPages<ListTargetsByRuleCommandOutput>((NextToken) =>
      events.send(new ListTargetsByRuleCommand({ Rule: rule.Name, NextToken })),
    );
    const targets = targetPages
      .flatMap((p) => p.Targets ?? [])
      .map((t) => t.Arn ?? '')
      .filter((arn) => ROUTE_TARGET.test(arn));
    findingRoutes.push({ rule: rule.Name, targets });
  }
  return { detectors, publishingDestinations, findingRoutes };
}
