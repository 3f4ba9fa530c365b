import {
  type Condition,
  GetFindingsCommand,
  GuardDutyClient,
  paginateListDetectors,
  paginateListFindings,
} from '@aws-sdk/client-guardduty';
import type { AwsClients } from '../aws/clients.js';
import type { Severity } from '../detect/engine/detection.js';
import { mapBounded } from '../respond/playbooks/shared/concurrency.js';
import { answeredWithPage, awsErrorText } from '../trail/sources/record-stream.js';
import { addDocument, emptyBatch, type FindingBatch } from './documents.js';

/** What to pull: GuardDuty's FindingCriteria where it can express it, the rest filtered here. */
export interface PullCriteria {
  minSeverity?: Severity | undefined;
  /** Finding types; a value ending in `*` is a prefix ("UnauthorizedAccess:IAMUser/*"). */
  types?: readonly string[] | undefined;
  /** updatedAt bounds, epoch milliseconds. */
  since?: number | undefined;
  until?: number | undefined;
  includeArchived?: boolean | undefined;
}

/** One account to read, with a label for reports (the account id or the role ARN). */
export interface PullAccount {
  label: string;
  clients: AwsClients;
}

/** A region or account that could not be read, with why (the others are still pulled). */
export interface PullFailure {
  account: string;
  region: string;
  reason: string;
}

export interface PullResult extends FindingBatch {
  /** Detectors read, as account/region/detectorId. */
  detectors: string[];
  failures: PullFailure[];
}

/** GuardDuty's severity floors: low 1, medium 4, high 7, critical 9 (informational: everything). */
const FLOOR: Record<Severity, number> = { informational: 0, low: 1, medium: 4, high: 7, critical: 9 };

/** GetFindings takes at most 50 ids per call. */
export const GET_FINDINGS_BATCH = 50;

/** The FindingCriteria of ListFindings for these criteria. */
export function findingCriteria(c: PullCriteria): Record<string, Condition> {
  const criteria: Record<string, Condition> = {};
  if (c.minSeverity && FLOOR[c.minSeverity] > 0)
    criteria.severity = { GreaterThanOrEqual: FLOOR[c.minSeverity] };
  const types = c.types ?? [];
  // Equals is an OR over exact types; with any prefix, types are filtered here instead.
  if (types.length && types.every((t) => !t.endsWith('*'))) criteria.type = { Equals: [...types] };
  if (c.since !== undefined || c.until !== undefined)
    criteria.updatedAt = {
      ...(c.since !== undefined ? { GreaterThanOrEqual: c.since } : {}),
      ...(c.until !== undefined ? { LessThanOrEqual: c.until } : {}),
    };
  if (!c.includeArchived) criteria['service.archived'] = { Equals: ['false'] };
  return criteria;
}

/** True when a finding type passes --type (exact, or prefix for values ending in `*`). */
export function typeWanted(type: string, types: readonly string[] | undefined): boolean {
  if (!types?.length) return true;
  return types.some((t) => (t.endsWith('*') ? type.startsWith(t.slice(0, -1)) : type === t));
}

/** What one region gave: read into its own result so regions pulled at once merge in a stable order. */
async function pullRegion(
  clients: AwsClients,
  region: string,
  criteria: PullCriteria,
  label: string,
): Promise<PullResult> {
  const result: PullResult = { ...emptyBatch(), detectors: [], failures: [] };
  const client = clients.client(GuardDutyClient, region);
  const detectorIds: string[] = [];
  for await (const page of paginateListDetectors({ client }, {}))
    detectorIds.push(...(page.DetectorIds ?? []));
  const FindingCriteria = { Criterion: findingCriteria(criteria) };
  for (const DetectorId of detectorIds) {
    result.detectors.push(`${label}/${region}/${DetectorId}`);
    const ids: string[] = [];
    for await (const page of paginateListFindings(
      { client, pageSize: GET_FINDINGS_BATCH },
      { DetectorId, FindingCriteria, SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' } },
    ))
      ids.push(...(page.FindingIds ?? []));
    for (let i = 0; i < ids.length; i += GET_FINDINGS_BATCH) {
      const FindingIds = ids.slice(i, i + GET_FINDINGS_BATCH);
      const answer = await client.send(new GetFindingsCommand({ DetectorId, FindingIds }));
      const batch = emptyBatch();
      addDocument(answer.Findings ?? [], `${label}/${region}/${DetectorId}`, batch);
      result.findings.push(...batch.findings.filter((f) => typeWanted(f.type, criteria.types)));
      result.rejected.push(...batch.rejected);
    }
  }
  return result;
}

/** Why a region or account could not be read, in one line; emulators without the API say so. */
export function failureReason(error: unknown): string {
  if (answeredWithPage(error))
    return 'this endpoint does not implement the GuardDuty findings API (it answered with an HTML page, not AWS JSON; moto has no findings)';
  return awsErrorText(error);
}

/** Regions of one account read at once (each region's calls stay sequential). */
export const REGIONS_AT_ONCE = 4;

/**
 * Pulls GuardDuty findings from every enabled region of every account (one set of clients per
 * account, e.g. assumed member roles), four regions at once: ListDetectors, ListFindings with
 * criteria, GetFindings in batches of 50; results merged in region order. A region or account that fails (after the SDK's retries) is reported, not fatal.
 */
export async function pullFindings(
  accounts: readonly PullAccount[],
  criteria: PullCriteria,
  options: {
    regions?: readonly string[] | undefined;
    onRegion?: (label: string, region: string) => void;
  } = {},
): Promise<PullResult> {
  const result: PullResult = { ...emptyBatch(), detectors: [], failures: [] };
  for (const { label, clients } of accounts) {
    let regions: readonly string[];
    try {
      regions = options.regions?.length ? options.regions : await clients.enabledRegions();
    } catch (error) {
      result.failures.push({ account: label, region: '*', reason: failureReason(error) });
      continue;
    }
    const perRegion = await mapBounded(regions, REGIONS_AT_ONCE, async (region) => {
      options.onRegion?.(label, region);
      try {
        return await pullRegion(clients, region, criteria, label);
      } catch (error) {
        const failed: PullResult = { ...emptyBatch(), detectors: [], failures: [] };
        failed.failures.push({ account: label, region, reason: failureReason(error) });
        return failed;
      }
    });
    for (const part of perRegion) {
      result.findings.push(...part.findings);
      result.rejected.push(...part.rejected);
      result.detectors.push(...part.detectors);
      result.failures.push(...part.failures);
    }
  }
  return result;
}
