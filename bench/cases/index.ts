import { huntCases } from '../hunt-case.js';
import { gunzipOnly, naiveParse } from './baseline.js';
import { eventsOneField } from './events.js';
import type { BenchCase } from './types.js';

/** Every benchmark case, in the order they run. Add a case here (one line) to have it measured. */
export const benchCases: BenchCase[] = [gunzipOnly, naiveParse, eventsOneField, ...huntCases];
