import type { z as Zod } from 'zod';

/**
 * The `events` filter's options: their zod schema, built from the zod it is given (zod is only a
 * type import here, so a scan worker that gets options already parsed never loads it), and a
 * hand-written check that options are in the parsed form the schema outputs.
 */
export function buildFilterSchema(z: typeof Zod) {
  const where = z.object({
    path: z.string().min(1),
    op: z.enum(['eq', 'ne', 'contains']),
    value: z.string(),
  });
  const time = z.union([
    z.number(),
    z.string().transform((s, ctx) => {
      const t = Date.parse(s);
      if (Number.isNaN(t)) ctx.addIssue({ code: 'custom', message: 'not a time' });
      return t;
    }),
  ]);
  return z.object({
    where: z.array(where).default([]),
    since: time.optional(),
    until: time.optional(),
    principal: z.string().optional(),
    accessKey: z.string().optional(),
    ip: z.string().optional(),
    eventSource: z.string().optional(),
    eventName: z.string().optional(),
    errorsOnly: z.boolean().optional(),
  });
}

export type FilterSchema = ReturnType<typeof buildFilterSchema>;
export type EventsFilterOptions = Zod.input<FilterSchema>;
export type ParsedFilter = Zod.infer<FilterSchema>;
export type WhereClause = ParsedFilter['where'][number];

const TEXT_OPTIONS = ['principal', 'accessKey', 'ip', 'eventSource', 'eventName'] as const;
const OPS = new Set(['eq', 'ne', 'contains']);

function optional(value: unknown, type: 'string' | 'number' | 'boolean'): boolean {
  return value === undefined || (typeof value === type && (type !== 'number' || Number.isFinite(value)));
}

/** True when `value` is already what the schema outputs (times as epoch ms, `where` present). */
export function isParsedFilter(value: unknown): value is ParsedFilter {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  if (!Array.isArray(o.where)) return false;
  for (const c of o.where) {
    if (!c || typeof c !== 'object') return false;
    const { path, op, value: text } = c as Record<string, unknown>;
    if (typeof path !== 'string' || path.length === 0 || !OPS.has(op as string) || typeof text !== 'string')
      return false;
  }
  return (
    optional(o.since, 'number') &&
    optional(o.until, 'number') &&
    optional(o.errorsOnly, 'boolean') &&
    TEXT_OPTIONS.every((key) => optional(o[key], 'string'))
  );
}
