import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

/** The baselines' worker: gunzip each file, and in 'parse' mode JSON.parse it whole (the naive way). */
parentPort!.on('message', ({ mode, paths }: { mode: 'gunzip' | 'parse'; paths: string[] }) => {
  let records = 0;
  let bytesOut = 0;
  for (const path of paths) {
    const text = gunzipSync(readFileSync(path));
    bytesOut += text.length;
    if (mode === 'parse')
      records += (JSON.parse(text.toString('utf8')) as { Records: unknown[] }).Records.length;
  }
  parentPort!.postMessage({ records, bytesOut });
});
