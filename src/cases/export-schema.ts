import { z } from 'zod';

export const CASE_EXPORT_FORMAT = 'garrison-case';
export const CASE_EXPORT_VERSION = 1;

const nul = <T extends z.ZodType>(t: T) => t.nullable();
const json: z.ZodType<unknown> = z.unknown();
/** What `case import` accepts: the shape exportCase writes (findings checked for the fields the store indexes). */
export const exportSchema = z.object({
  format: z.literal(CASE_EXPORT_FORMAT),
  version: z.literal(CASE_EXPORT_VERSION),
  case: z.object({
    id: z.string().min(1),
    title: z.string(),
    status: z.enum(['open', 'contained', 'recovered', 'closed']),
    severity: z.enum(['informational', 'low', 'medium', 'high', 'critical']),
    summary: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    detectedAt: nul(z.string()),
    containedAt: nul(z.string()),
    recoveredAt: nul(z.string()),
    closedAt: nul(z.string()),
  }),
  actions: z.array(
    z.object({
      id: z.number().int(),
      runId: z.string(),
      kind: z.enum(['apply', 'undo']),
      undoes: nul(z.number().int()),
      playbook: z.string(),
      stepId: z.string(),
      target: z.string(),
      targetDetail: json,
      account: nul(z.string()),
      region: nul(z.string()),
      summary: z.string(),
      plan: json,
      before: json,
      output: json,
      requestIds: z.array(z.string()),
      status: z.string(),
      verifyOk: nul(z.boolean()),
      verifyDetail: nul(z.string()),
      error: nul(z.string()),
      actorArn: nul(z.string()),
      localUser: z.string(),
      startedAt: z.string(),
      finishedAt: nul(z.string()),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.number().int(),
      actionId: nul(z.number().int()),
      kind: z.string(),
      awsIds: z.array(z.string()),
      description: z.string(),
      sha256: nul(z.string()),
      location: nul(z.string()),
      collectedBy: z.string(),
      collectedAt: z.string(),
      custody: z.array(
        z.object({
          id: z.number().int(),
          event: z.string(),
          actor: z.string(),
          note: z.string(),
          at: z.string(),
        }),
      ),
    }),
  ),
  notes: z.array(
    z.object({ id: z.number().int(), author: z.string(), text: z.string(), createdAt: z.string() }),
  ),
  findings: z.array(
    z.object({
      source: z.string().min(1),
      sourceId: z.string().min(1),
      addedAt: z.string(),
      finding: z.looseObject({
        id: z.string(),
        severity: z.string(),
        title: z.string(),
        first_seen: z.string(),
        last_seen: z.string(),
      }),
    }),
  ),
  iocs: z.array(
    z.object({
      kind: z.string(),
      value: z.string(),
      source: z.string(),
      first: z.string(),
      last: z.string(),
      count: z.number().int(),
    }),
  ),
});
