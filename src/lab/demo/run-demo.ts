/**
 * `garrison demo` as a library call: the whole incident-response cycle against the local AWS
 * emulator. Starts moto (or uses the endpoint given), audits the account's readiness, builds a
 * victim workload, replays the attack story into the trail's bucket, hunts it back from S3, opens a
 * case, contains the instance, its role and the backdoor user, verifies, and writes the report.
 * The emulator the demo started is stopped on every way out: success, failure and abort.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CaseStore } from '../../cases/store.js';
import { hunt } from '../../detect/engine/hunt.js';
import { GarrisonError } from '../../errors.js';
import { type Emulator, startEmulator } from '../moto.js';
import { containTargets, openDemoCase } from './case-file.js';
import { checkLocalEndpoint, EmulatorClients } from './emulator-clients.js';
import { writeEmulatorImages } from './emulator-images.js';
import { prepareDemoAccount } from './prepare.js';
import { replayAttack } from './replay.js';
import { writeCaseReport } from './report-files.js';
import { type DemoSummary, demoSummary } from './summary.js';
import { containmentTargets } from './targets.js';
import { buildVictimWorkload } from './workload.js';

export const DEMO_PHASES = [
  'emulator',
  'prepare',
  'workload',
  'attack',
  'hunt',
  'case',
  'contain',
  'report',
] as const;
export type DemoPhase = (typeof DEMO_PHASES)[number];

export type DemoEvent =
  | { type: 'phase-started'; phase: DemoPhase; title: string }
  | { type: 'phase-finished'; phase: DemoPhase; ms: number; detail: string }
  | { type: 'note'; phase: DemoPhase; message: string };

export interface DemoOptions {
  /** Where the report, the case store, the CloudTrail files and the summary go (created). */
  outputDir: string;
  /** Use this endpoint (an emulator already running) instead of starting moto. */
  endpointUrl?: string;
  /** Leave the emulator the demo started running: the caller gets it back and must stop it. */
  keepEmulator?: boolean;
  region?: string;
  signal?: AbortSignal;
  onEvent?: (event: DemoEvent) => void;
  /** The attacker's user agent in the replayed records (default the story's Kali AWS CLI); tests give hostile ones. */
  attackerUserAgent?: string;
  /** Tests: throw right after this phase, to prove the emulator is stopped on failure. */
  failAfter?: DemoPhase;
}

export interface DemoResult {
  summary: DemoSummary;
  summaryPath: string;
  /** The emulator, when the demo started it and keepEmulator was set. */
  emulator?: Emulator;
}

const TITLES: Record<DemoPhase, string> = {
  emulator: 'start the local AWS emulator',
  prepare: 'prepare the account (audit, prepare apply, audit)',
  workload: 'build the victim workload',
  attack: 'replay the attack into the trail bucket',
  hunt: 'hunt the trail from S3',
  case: 'open a case with the findings',
  contain: 'contain the instance, the role and the backdoor user',
  report: 'write the report',
};

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const region = options.region ?? 'us-east-1';
  const outputDir = resolve(options.outputDir);
  const emit = (event: DemoEvent) => {
    try {
      options.onEvent?.(event);
    } catch {}
  };
  const timings: Partial<Record<DemoPhase, number>> = {};
  const started = Date.now();
  let emulator: Emulator | undefined;
  let stopping: Promise<void> | undefined;
  // Once there is an emulator, stop it once; before there is one, there is nothing to stop yet.
  const stopEmulator = () => {
    if (!emulator) return Promise.resolve();
    stopping ??= emulator.stop();
    return stopping;
  };
  const onAbort = () => void stopEmulator();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const phase = async <T>(
    name: DemoPhase,
    work: () => Promise<T>,
    detail: (value: T) => string,
  ): Promise<T> => {
    if (options.signal?.aborted)
      throw new GarrisonError('internal', `the demo was interrupted before: ${TITLES[name]}`);
    emit({ type: 'phase-started', phase: name, title: TITLES[name] });
    const t0 = Date.now();
    const value = await work();
    if (options.signal?.aborted)
      throw new GarrisonError('internal', `the demo was interrupted during: ${TITLES[name]}`);
    timings[name] = Date.now() - t0;
    emit({ type: 'phase-finished', phase: name, ms: timings[name], detail: detail(value) });
    if (options.failAfter === name)
      throw new GarrisonError('internal', `demo failure injected after the ${name} phase`);
    return value;
  };

  let store: CaseStore | undefined;
  let keep = false;
  if (options.endpointUrl) checkLocalEndpoint(options.endpointUrl);
  try {
    await mkdir(outputDir, { recursive: true });
    const endpoint = await phase(
      'emulator',
      async () => {
        if (options.endpointUrl) return options.endpointUrl;
        emulator = await startEmulator({ env: { MOTO_AMIS_PATH: await writeEmulatorImages(outputDir) } });
        if (options.signal?.aborted) await stopEmulator();
        return emulator.endpoint;
      },
      (url) => (options.endpointUrl ? `using ${url}` : `moto on ${url}`),
    );
    const clients = new EmulatorClients({ endpointUrl: endpoint, region, maxAttempts: 3 });
    const accountId = await clients.accountId();

    store = CaseStore.open(join(outputDir, 'garrison.db'));
    const caseStore = store;
    const prepared = await phase(
      'prepare',
      () => prepareDemoAccount(clients, caseStore, { region, accountId }),
      (p) =>
        `prepare apply (case ${p.caseId}): ${p.stepsApplied} steps applied, ${p.status}; readiness ${p.before} -> ${p.after.score}/100`,
    );
    const workload = await phase(
      'workload',
      () => buildVictimWorkload(clients, { region, accountId }),
      (w) =>
        `${w.instanceIds.length} web instances in ${w.autoScalingGroup}, role ${w.roleName}, bucket ${w.dataBucket}`,
    );
    const replay = await phase(
      'attack',
      () =>
        replayAttack(clients, workload, {
          outputDir: join(outputDir, 'cloudtrail'),
          ...(options.attackerUserAgent === undefined
            ? {}
            : { attackerUserAgent: options.attackerUserAgent }),
        }),
      (r) =>
        `${r.records.length} CloudTrail records in ${r.files.length} files to s3://${r.trail.bucket}; backdoor user ${r.backdoor.userName} created`,
    );
    const hunted = await phase(
      'hunt',
      // A few dozen records: one decoding worker starts faster than one per CPU.
      () => hunt([replay.source], { clients, workers: 1, scope: { accounts: [accountId], regions: [] } }),
      (h) =>
        `${h.summary.records} records, ${h.summary.findings} findings (${h.summary.by_severity.high} high)`,
    );
    const opened = await phase(
      'case',
      () =>
        openDemoCase(caseStore, {
          findings: hunted.findings,
          records: replay.records,
          source: replay.source,
          audit: prepared.after,
          evidenceDir: join(outputDir, 'evidence'),
          title: `Web instance ${workload.instanceIds[0]} credentials used from outside AWS`,
        }),
      (c) => `${c.caseId}: ${c.findingsAttached} findings, ${c.eventsKept} events, ${c.iocs} IOCs`,
    );
    const targets = containmentTargets(hunted.findings, { accountId });
    const contained = await phase(
      'contain',
      () =>
        containTargets(clients, caseStore, opened.caseId, targets, region, (message) =>
          emit({ type: 'note', phase: 'contain', message }),
        ),
      (c) =>
        `${c.runs.filter((r) => r.status === 'complete').length} of ${c.runs.length} targets contained and verified`,
    );
    const report = await phase(
      'report',
      () => writeCaseReport(caseStore, opened.caseId, outputDir),
      (r) => r.html,
    );
    const summary = demoSummary({
      outputDir,
      endpoint,
      accountId,
      region,
      prepared,
      workload,
      replay,
      hunted: hunted.summary,
      opened,
      targets,
      contained,
      report,
      casePath: caseStore.path,
      timings,
      totalMs: Date.now() - started,
    });
    const summaryPath = join(outputDir, 'demo-summary.json');
    await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
    keep = Boolean(options.keepEmulator && emulator);
    return { summary, summaryPath, ...(keep && emulator ? { emulator } : {}) };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    store?.close();
    if (!keep) await stopEmulator();
  }
}
