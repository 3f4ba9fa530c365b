import type { RecordMatcher } from '../../src/trail/scan/types.js';

/**
 * A matcher module for the scanner's pool tests: matches every record (returns its eventID) and
 * can be told to fail, as a buggy detection would: throw on a record, crash its worker, or fail
 * to build.
 */
export interface TestMatcherOptions {
  failOn?: string;
  exitOn?: string;
  failToBuild?: boolean;
  /** Busy-waits this long per record: a slow matcher, for abort tests. */
  slowMs?: number;
  /** Only for the records of this blob (its location). */
  slowSource?: string;
}

export function createMatcher(options: unknown): RecordMatcher<string> {
  const o = (options ?? {}) as TestMatcherOptions;
  if (o.failToBuild) throw new Error('cannot compile the rules');
  return {
    match(record, origin) {
      if (record.eventID === o.failOn) throw new Error('rule bug');
      if (record.eventID === o.exitOn) process.exit(3);
      if (o.slowMs && (o.slowSource === undefined || origin.source === o.slowSource)) {
        const until = Date.now() + o.slowMs;
        while (Date.now() < until) {}
      }
      return record.eventID ?? 'none';
    },
    endOfBlob: (location) => ({ seen: location }),
  };
}
