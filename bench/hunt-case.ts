import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HuntGathering } from '../src/detect/engine/hunt-gather.js';
import { type HuntMatch, huntMatcherSpec } from '../src/detect/engine/matcher.js';
import { loadDetections, type RuleSelection } from '../src/detect/engine/rule-set.js';
import { StatefulRun } from '../src/detect/stateful/index.js';
import { DEFAULT_WINDOW_MS, FindingGrouper } from '../src/findings/grouping.js';
import { fileBlobs } from '../src/trail/files.js';
import { scanBlobs } from '../src/trail/scan/pool.js';
import type { BenchCase } from './cases/types.js';
import type { Dataset } from './dataset.js';

/**
 * `garrison hunt` as the benchmark measures it: the scanner with the hunt matcher (the built-in
 * pack plus the 57 SigmaHQ CloudTrail rules from ../shared when present), hits grouped into
 * findings in the workers and merged in the main thread. Two cases: with the stateful detections (which need most records
 * parsed and sent back) and without. List `huntCases` in bench/cases/index.ts to run them.
 */
const SIGMAHQ = fileURLToPath(new URL('../../../shared/data/sigma-aws-cloudtrail/', import.meta.url));

function selection(stateful: boolean, exclude: string[]): RuleSelection {
  return { ruleDirs: existsSync(SIGMAHQ) ? [SIGMAHQ] : [], stateful, exclude };
}

async function huntOver(dataset: Dataset, workers: number, stateful: boolean, exclude: string[] = []) {
  const chosen = selection(stateful, existsSync(SIGMAHQ) ? exclude : []);
  const { rules, stateful: machines } = await loadDetections(chosen);
  const grouper = new FindingGrouper(
    new Map([...rules, ...machines].map((r) => [r.info.id, r.info])),
    DEFAULT_WINDOW_MS,
  );
  const state = new StatefulRun(
    { baselinesAbsorbed: true },
    machines.map((m) => m.detection),
  );
  const spec = huntMatcherSpec({ ...chosen, windowMs: grouper.windowMs });
  const run = scanBlobs<HuntMatch>(fileBlobs([dataset.dir]), spec, { workers });
  const gathering = new HuntGathering(grouper, state);
  for await (const event of run) gathering.take(event);
  const findings = gathering.findings().length;
  const fired = gathering.matched;
  const { records, bytesOut, rejected } = run.summary;
  return {
    records,
    bytesOut,
    note: `${rules.length + machines.length} rules, ${fired} records fired, ${findings} findings, ${run.summary.matched} records sent back, ${rejected} rejected`,
  };
}

export const huntWithStateful: BenchCase = {
  name: 'hunt',
  label: '(d) garrison hunt: pack + stateful + 57 SigmaHQ rules',
  run: (dataset, workers) => huntOver(dataset, workers, true),
};

export const huntStateless: BenchCase = {
  name: 'hunt-stateless',
  label: '(e) garrison hunt --no-stateful: pack + 57 SigmaHQ rules',
  run: (dataset, workers) => huntOver(dataset, workers, false),
};

/**
 * SigmaHQ's aws_sts_assumerole_misuse fires on every call made with an assumed role (most of
 * CloudTrail): with it every such record must be parsed and reported. Without it, what the
 * prefilter can skip shows.
 */
export const huntQuiet: BenchCase = {
  name: 'hunt-quiet',
  label: '(f) garrison hunt --no-stateful --exclude aws_sts_assumerole_misuse',
  run: (dataset, workers) => huntOver(dataset, workers, false, ['aws_sts_assumerole_misuse']),
};

export const huntCases: BenchCase[] = [huntWithStateful, huntStateless, huntQuiet];
