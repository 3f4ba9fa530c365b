import { fileBlobs } from '../../src/trail/files.js';
import { eventsFilterSpec } from '../../src/trail/filter-spec.js';
import { scanBlobs } from '../../src/trail/scan/pool.js';
import type { BenchCase } from './types.js';

/** (c) What `garrison events <dir> --event-name ConsoleLogin` does: the scanner with a one-field filter. */
export const eventsOneField: BenchCase = {
  name: 'events',
  label: '(c) garrison events --event-name ConsoleLogin',
  async run(dataset, workers) {
    const run = scanBlobs(fileBlobs([dataset.dir]), eventsFilterSpec({ eventName: 'ConsoleLogin' }), {
      workers,
    });
    for await (const _event of run) {
      // the CLI would print matches; the benchmark only drains them
    }
    const { records, bytesOut, matched, rejected, skippedFiles } = run.summary;
    return {
      records,
      bytesOut,
      note: `${matched} matched, ${rejected} rejected, ${skippedFiles} digests skipped`,
    };
  },
};
