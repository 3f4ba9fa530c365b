/** Worker thread entry: writes the regions it is given and reports each file and the results. */
import { type MessagePort, workerData } from 'node:worker_threads';
import { type RegionJob, type RegionResult, writeRegionTrail } from './region-trail.js';

export type WorkerMessage =
  | { type: 'file'; records: number; bytes: number }
  | { type: 'done'; results: RegionResult[] }
  | { type: 'error'; message: string; stack?: string };

async function run(jobs: RegionJob[], port: MessagePort): Promise<void> {
  try {
    const results: RegionResult[] = [];
    for (const job of jobs) {
      results.push(
        await writeRegionTrail(job, (records, bytes) =>
          port.postMessage({ type: 'file', records, bytes } satisfies WorkerMessage),
        ),
      );
    }
    port.postMessage({ type: 'done', results } satisfies WorkerMessage);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    port.postMessage({ type: 'error', message: e.message, stack: e.stack } satisfies WorkerMessage);
  }
}

const data = workerData as { jobs: RegionJob[]; port: MessagePort };
await run(data.jobs, data.port);
