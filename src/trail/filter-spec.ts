import { z } from 'zod';
import { GarrisonError } from '../errors.js';
import { buildFilterSchema, type EventsFilterOptions } from './filter-options.js';
import type { MatcherSpec } from './scan/types.js';

const schema = buildFilterSchema(z);

/**
 * The spec a scan needs to run the `events` filter in its workers. The options are checked here,
 * before anything is read, and handed over parsed (the workers then skip zod altogether).
 */
export function eventsFilterSpec(options: EventsFilterOptions): MatcherSpec {
  const parsed = schema.safeParse(options);
  if (!parsed.success) throw new GarrisonError('usage', `invalid events filter: ${parsed.error.message}`);
  return { module: new URL('./filter.js', import.meta.url).href, options: parsed.data };
}
