import { readFileSync } from 'node:fs';
import { benchCases } from './cases/index.js';
import type { Dataset } from './dataset.js';

/** Runs one case in this (fresh) process and prints its figures as JSON: argv = case, dataset.json, workers. */

function peakRssBytes(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : process.resourceUsage().maxRSS * 1024;
}

const [name, datasetPath, workers] = process.argv.slice(2);
const benchCase = benchCases.find((c) => c.name === name);
if (!benchCase || !datasetPath) {
  console.error(`usage: child.js <${benchCases.map((c) => c.name).join('|')}> <dataset.json> <workers>`);
  process.exit(2);
}
const dataset = JSON.parse(readFileSync(datasetPath, 'utf8')) as Dataset;
const started = process.hrtime.bigint();
const result = await benchCase.run(dataset, Number(workers));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ ...result, seconds, peakRss: peakRssBytes() }));
