import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCases } from './cases/index.js';
import { datasetFile, ensureDataset } from './dataset.js';

/**
 * `npm run bench [-- --gb 3 --workers 2 --repeat 3 --cases gunzip,parse,events]`: measures, on the
 * same data and worker count, each case in its own child process (so peak RSS is its own), the
 * cases interleaved round by round (so a noisy neighbour hits them alike), and reports the median.
 */

interface Figures {
  records?: number;
  bytesOut: number;
  note?: string;
  seconds: number;
  peakRss: number;
}

const { values } = parseArgs({
  options: {
    gb: { type: 'string', default: '1' },
    workers: { type: 'string', default: String(availableParallelism()) },
    repeat: { type: 'string', default: '3' },
    cases: { type: 'string', default: benchCases.map((c) => c.name).join(',') },
    data: { type: 'string', default: fileURLToPath(new URL('../../bench/data/', import.meta.url)) },
    json: { type: 'boolean', default: false },
  },
});
const gb = Number(values.gb);
const workers = Number(values.workers);
const repeat = Math.max(1, Number(values.repeat));
const chosen = values.cases.split(',').map((name) => {
  const found = benchCases.find((c) => c.name === name.trim());
  if (!found) throw new Error(`no bench case ${name}; cases: ${benchCases.map((c) => c.name).join(', ')}`);
  return found;
});
if (!(gb > 0) || !(workers >= 1)) throw new Error('--gb and --workers must be positive numbers');

const log = (line: string) => process.stderr.write(`${line}\n`);
const dataset = await ensureDataset(values.data, gb, log);
const datasetPath = datasetFile(dataset.dir);
const MB = 1024 * 1024;
log(
  `data: ${dataset.files.length} files, ${dataset.records} records, ${(dataset.bytes / MB).toFixed(0)} MB uncompressed ` +
    `(${(dataset.compressedBytes / MB).toFixed(0)} MB gzipped, ${(dataset.bytes / dataset.records).toFixed(0)} B/record); ${workers} workers`,
);
for (const file of dataset.files) readFileSync(file); // warm the page cache: every case reads from memory

const child = fileURLToPath(new URL('./child.js', import.meta.url));
const runs = new Map<string, Figures[]>(chosen.map((c) => [c.name, []]));
for (let round = 1; round <= repeat; round++) {
  for (const benchCase of chosen) {
    const out = spawnSync(process.execPath, [child, benchCase.name, datasetPath, String(workers)], {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    });
    if (out.status !== 0) throw new Error(`${benchCase.name} failed: ${out.stderr}`);
    const figures = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Figures;
    runs.get(benchCase.name)!.push(figures);
    log(`round ${round}: ${benchCase.name} ${figures.seconds.toFixed(2)} s`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = chosen.map((c) => {
  const all = runs.get(c.name)!;
  const seconds = median(all.map((f) => f.seconds));
  const last = all.at(-1)!;
  const records = last.records ?? dataset.records;
  return {
    name: c.name,
    label: c.label,
    seconds,
    recordsPerSecond: records / seconds,
    mbPerSecond: last.bytesOut / MB / seconds,
    peakRssMB: Math.max(...all.map((f) => f.peakRss)) / MB,
    note: last.note ?? '',
  };
});
const rate = (name: string) => rows.find((r) => r.name === name)?.mbPerSecond;
const a = rate('gunzip');
const b = rate('parse');
const c = rate('events');
const ratios = {
  cOverA: a && c ? c / a : undefined,
  cOverB: b && c ? c / b : undefined,
};
const eventsRss = rows.find((r) => r.name === 'events')?.peakRssMB;
const targets = {
  'c >= 2.5 x b': ratios.cOverB === undefined ? undefined : ratios.cOverB >= 2.5,
  'c >= 0.6 x a': ratios.cOverA === undefined ? undefined : ratios.cOverA >= 0.6,
  'peak RSS <= 300 MB': eventsRss === undefined ? undefined : eventsRss <= 300,
};

if (values.json) {
  console.log(
    JSON.stringify(
      {
        gb,
        workers,
        repeat,
        dataset: { files: dataset.files.length, records: dataset.records, bytes: dataset.bytes },
        rows,
        ratios,
        targets,
      },
      null,
      2,
    ),
  );
} else {
  console.log(
    `\n${'case'.padEnd(48)} ${'records/s'.padStart(12)} ${'MB/s'.padStart(8)} ${'peak RSS'.padStart(10)}  notes`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(48)} ${Math.round(r.recordsPerSecond).toLocaleString('en-US').padStart(12)} ${r.mbPerSecond.toFixed(0).padStart(8)} ${`${r.peakRssMB.toFixed(0)} MB`.padStart(10)}  ${r.note}`,
    );
  }
  if (ratios.cOverA !== undefined) console.log(`\nc/a = ${ratios.cOverA.toFixed(2)}   (target >= 0.6)`);
  if (ratios.cOverB !== undefined) console.log(`c/b = ${ratios.cOverB.toFixed(2)}   (target >= 2.5)`);
  for (const [target, held] of Object.entries(targets)) {
    if (held !== undefined) console.log(`${held ? 'PASS' : 'MISS'}  ${target}`);
  }
}
