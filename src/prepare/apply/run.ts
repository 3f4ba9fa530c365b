import type { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import type { Actor } from '../../cases/types.js';
import type { RunObserver, RunResult, StepOutcome } from '../../respond/runner/outcome.js';
import { runPlaybook } from '../../respond/runner/run-playbook.js';
import { readTrailKey } from '../state/kms.js';
import { observe } from '../state/observe.js';
import { gatherSnapshot } from '../state/snapshot.js';
import type { Change } from './define-step.js';
import { preparePlaybook } from './playbook.js';
import {
  type PrepareOptions,
  type PrepareSettings,
  type PrepareTarget,
  prepareSettings,
  trailLayout,
} from './settings.js';
import { GARRISON_KEY_ALIAS } from './trail-key.js';

export interface PreparationRun extends PrepareOptions {
  /** Regions to prepare (default: every enabled region). */
  regions?: string[];
  apply?: boolean;
  store?: CaseStore;
  caseId?: string;
  actor?: Actor;
  onEvent?: RunObserver;
}

export interface PreparationResult {
  accountId: string;
  settings: PrepareSettings;
  run: RunResult;
}

/**
 * Reads the account as the readiness audit does (one snapshot), then plans (or, with `apply`, makes)
 * what is missing through the playbook runner. Applying needs a case store and a case: every change
 * is journaled there like a containment's.
 */
export async function prepareAccount(
  clients: AwsClients,
  options: PreparationRun = {},
): Promise<PreparationResult> {
  const snapshot = await gatherSnapshot(clients, {
    ...(options.regions ? { regions: options.regions } : {}),
    ...(options.evidenceBucket ? { evidenceBucket: options.evidenceBucket } : {}),
    ...(options.responderRole ? { responderRole: options.responderRole } : {}),
  });
  const wanted = options.homeRegion ?? clients.defaultRegion;
  const homeRegion = snapshot.regions.includes(wanted) ? wanted : (snapshot.regions[0] ?? wanted);
  const settings = prepareSettings(snapshot.accountId, { ...options, homeRegion });
  const target: PrepareTarget = {
    id: snapshot.accountId,
    region: homeRegion,
    account: snapshot.accountId,
    settings,
    snapshot,
  };
  const layout = trailLayout(target);
  if (!layout.trail?.kmsKeyId) {
    const keyId = settings.kmsKeyId ?? GARRISON_KEY_ALIAS;
    const key = await observe('kms:DescribeKey and kms:GetKeyPolicy', () =>
      readTrailKey(clients, keyId, layout.trailRegion),
    );
    target.keys = settings.kmsKeyId ? { given: key } : { garrison: key };
  }
  const run = await runPlaybook({
    playbook: preparePlaybook,
    target,
    clients,
    apply: options.apply ?? false,
    markContained: false,
    concurrency: 3,
    ...(options.store && options.caseId ? { store: options.store, caseId: options.caseId } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return { accountId: snapshot.accountId, settings, run };
}

/** The changes a dry run planned, one per line: `+` creates, `~` updates something that exists. */
export function plannedChanges(outcome: StepOutcome): { step: string; change: string; update: boolean }[] {
  if (outcome.status !== 'would-change') return [];
  try {
    const changes = JSON.parse(outcome.detail) as Change[];
    return changes.map((c) => ({ step: outcome.stepId, change: c.summary, update: c.update === true }));
  } catch {
    return [{ step: outcome.stepId, change: outcome.summary, update: false }];
  }
}

/** The plan or the run as lines for a terminal. */
export function preparationLines(run: RunResult): string[] {
  const lines: string[] = [];
  for (const o of run.outcomes) {
    const planned = plannedChanges(o);
    if (planned.length > 0) {
      for (const p of planned) lines.push(`${p.update ? '~' : '+'} ${o.stepId.padEnd(26)} ${p.change}`);
    } else if (o.status === 'nothing-to-do' || o.status === 'done-earlier') {
      lines.push(`= ${o.stepId.padEnd(26)} ${o.summary}`);
    } else if (o.status === 'applied' || o.status === 'resumed') {
      lines.push(`✓ ${o.stepId.padEnd(26)} ${o.detail || o.summary}`);
    } else {
      lines.push(`! ${o.stepId.padEnd(26)} ${o.status}: ${o.summary} ${o.detail}`.trimEnd());
    }
  }
  return lines;
}
