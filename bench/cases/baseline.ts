import { Worker } from 'node:worker_threads';
import type { Dataset } from '../dataset.js';
import type { BenchCase, CaseResult } from './types.js';

const BATCH = 8;

/** Spreads the data set's files over `workers` threads, BATCH files at a time. */
function baseline(mode: 'gunzip' | 'parse', dataset: Dataset, workers: number): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const url = new URL('./baseline-worker.js', import.meta.url);
    let next = 0;
    let running = 0;
    let records = 0;
    let bytesOut = 0;
    const pool = Array.from({ length: workers }, () => new Worker(url));
    const give = (worker: Worker) => {
      if (next >= dataset.files.length) {
        void worker.terminate();
        if (--running === 0) resolve({ records: mode === 'parse' ? records : undefined, bytesOut });
        return;
      }
      worker.postMessage({ mode, paths: dataset.files.slice(next, next + BATCH) });
      next += BATCH;
    };
    for (const worker of pool) {
      running++;
      worker.on('message', (m: { records: number; bytesOut: number }) => {
        records += m.records;
        bytesOut += m.bytesOut;
        give(worker);
      });
      worker.on('error', reject);
      give(worker);
    }
  });
}

export const gunzipOnly: BenchCase = {
  name: 'gunzip',
  label: '(a) gunzip only',
  run: (dataset, workers) => baseline('gunzip', dataset, workers),
};

export const naiveParse: BenchCase = {
  name: 'parse',
  label: '(b) gunzip + JSON.parse (naive)',
  run: (dataset, workers) => baseline('parse', dataset, workers),
};
