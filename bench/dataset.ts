import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTrailFiles } from '../src/lab/generate/index.js';

/**
 * The benchmark's data set: deterministic, realistic CloudTrail in the delivered layout (gzipped
 * `{"Records":[...]}` files of 100-2000 records, hourly digests), made by the project's own trail
 * generator once and reused (bench/data/ is not committed).
 */

export interface Dataset {
  dir: string;
  /** Log files (digests excluded), absolute paths, sorted. */
  files: string[];
  records: number;
  /** Uncompressed bytes of the log files. */
  bytes: number;
  compressedBytes: number;
}

/** Where a data set's description is kept: beside its folder, so that scans of the folder do not read it. */
export function datasetFile(dir: string): string {
  return `${dir}.json`;
}

export async function ensureDataset(
  root: string,
  gigabytes: number,
  log: (line: string) => void,
): Promise<Dataset> {
  const dir = join(root, `trail-${gigabytes}gb`);
  const marker = datasetFile(dir);
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as Dataset;
  const targetBytes = Math.round(gigabytes * 1024 ** 3);
  log(`generating ${gigabytes} GB of CloudTrail in ${dir} (once; later runs reuse it)...`);
  let lastLog = 0;
  const started = Date.now();
  const result = await generateTrailFiles({
    outDir: dir,
    seed: 'garrison-bench',
    accountId: '123456789012',
    regions: ['us-east-1', 'eu-west-1'],
    start: '2024-05-01T00:00:00Z',
    targetBytes,
    onFile: ({ bytes }) => {
      if (bytes - lastLog > 256 * 1024 ** 2) {
        lastLog = bytes;
        log(
          `  ${(bytes / 1024 ** 3).toFixed(2)} GB written (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    },
  });
  const dataset: Dataset = {
    dir,
    files: result.files.map((key) => join(dir, key)).sort(),
    records: result.records,
    bytes: result.bytes,
    compressedBytes: result.compressedBytes,
  };
  writeFileSync(marker, JSON.stringify(dataset));
  return dataset;
}
