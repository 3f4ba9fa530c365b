/**
 * Generates a CloudTrail data set of any size in the delivered layout, for benchmarks and trials.
 *
 *   node dist/src/lab/generate/make-trail.js --out bench/data/trail --size 1GB [--seed 1]
 *     [--regions us-east-1,eu-west-1] [--start 2026-11-20T00:00:00Z] [--hours N] [--attack]
 *     [--records-per-file 100-2000] [--gzip-level 3] [--workers N] [--no-digests]
 *
 * Progress goes to stderr; the summary (with the attack's ground truth) to stdout as JSON.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GarrisonError } from '../../errors.js';
import { generateTrailFiles, type TrailFilesOptions } from './trail-files.js';

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** `1GB`, `500MB`, `1.5 GB`, `2000000` → bytes (decimal units, as the benchmark counts). */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$/i.exec(text);
  const unit = match ? UNITS[(match[2] ?? '').toUpperCase().replace(/^([KMGT])$/, '$1B')] : undefined;
  if (!match || unit === undefined)
    throw new GarrisonError('usage', `not a size: ${text}`, {
      hint: 'use e.g. 1GB, 500MB or a number of bytes',
    });
  return Math.round(Number(match[1]) * unit);
}

/** The generator options a command line asks for. */
export function trailOptionsFromArgs(args: string[]): TrailFilesOptions {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      size: { type: 'string' },
      hours: { type: 'string' },
      seed: { type: 'string', default: '1' },
      regions: { type: 'string', default: 'us-east-1,eu-west-1' },
      account: { type: 'string', default: '111122223333' },
      start: { type: 'string', default: '2026-11-20T00:00:00Z' },
      attack: { type: 'boolean', default: false },
      'records-per-file': { type: 'string', default: '100-2000' },
      'gzip-level': { type: 'string', default: '3' },
      workers: { type: 'string' },
      'no-digests': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.out) throw new GarrisonError('usage', 'missing --out DIR');
  if (!values.size === !values.hours)
    throw new GarrisonError('usage', 'give exactly one of --size and --hours');
  const range = /^(\d+)-(\d+)$/.exec(values['records-per-file']);
  if (!range)
    throw new GarrisonError('usage', `--records-per-file wants MIN-MAX, not ${values['records-per-file']}`);
  const regions = values.regions.split(',').map((r) => r.trim());
  const start = Date.parse(values.start);
  const options: TrailFilesOptions = {
    outDir: resolve(values.out),
    seed: values.seed,
    accountId: values.account,
    regions,
    start: values.start,
    recordsPerFile: [Number(range[1]), Number(range[2])],
    gzipLevel: Number(values['gzip-level']),
    digests: !values['no-digests'],
  };
  if (values.size) options.targetBytes = parseSize(values.size);
  if (values.hours) options.end = start + Number(values.hours) * 3_600_000;
  if (values.workers) options.workers = Number(values.workers);
  if (values.attack) {
    options.attack = {
      region: regions[0] as string,
      start: start + 3 * 3_600_000,
      instanceId: 'i-0a1b2c3d4e5f67890',
      instanceRoleName: 'web-instance-role',
      dataBucket: `${values.account}-customer-exports`,
    };
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = trailOptionsFromArgs(process.argv.slice(2));
    const began = performance.now();
    let shown = 0;
    options.onFile = ({ files, bytes }) => {
      if (files - shown >= 100) {
        shown = files;
        process.stderr.write(`make-trail: ${files} files, ${(bytes / 1e6).toFixed(0)} MB\n`);
      }
    };
    const result = await generateTrailFiles(options);
    const seconds = (performance.now() - began) / 1000;
    process.stderr.write(
      `make-trail: ${result.files.length} files, ${result.records} records, ${(result.bytes / 1e6).toFixed(1)} MB (${(result.compressedBytes / 1e6).toFixed(1)} MB gzipped) in ${seconds.toFixed(1)} s\n`,
    );
    const { files, digestFiles, ...summary } = result;
    process.stdout.write(
      `${JSON.stringify({ outDir: options.outDir, files: files.length, digestFiles: digestFiles.length, ...summary, seconds })}\n`,
    );
  } catch (error) {
    process.stderr.write(`make-trail: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof GarrisonError && error.code === 'usage' ? 2 : 1;
  }
}
