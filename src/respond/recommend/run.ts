import { AwsClients } from '../../aws/clients.js';
import type { CaseStore } from '../../cases/store.js';
import type { Actor } from '../../cases/types.js';
import { describeError } from '../../errors.js';
import type { GuardDutyFinding } from '../../guardduty/schema.js';
import { playbookNamed } from '../playbooks/index.js';
import { resolveTargets } from '../playbooks/targets.js';
import type { RunObserver, RunResult } from '../runner/outcome.js';
import { runPlaybook } from '../runner/run-playbook.js';
import { recommend } from './table.js';
import type { Recommendation } from './types.js';

/** One recommendation and what came of it: a playbook run (planned or applied), or why not. */
export interface ResponseStep {
  recommendation: Recommendation;
  run?: RunResult;
  /** Why the playbook could not run (target not found, AWS refused, ...). */
  error?: string;
}

export interface ResponseResult {
  findingId: string;
  family: string;
  caseId: string | undefined;
  steps: ResponseStep[];
}

export interface RespondOptions {
  finding: GuardDutyFinding;
  clients: AwsClients;
  /** Change AWS (needs store and caseId). Default: plan only. */
  apply?: boolean;
  store?: CaseStore;
  caseId?: string;
  actor?: Actor;
  onEvent?: RunObserver;
}

/**
 * Runs a finding's recommended playbooks through the containment runner, the way `garrison contain`
 * does: targets resolved by `resolveTargets` in the finding's region, then `runPlaybook` (a dry run
 * unless `apply`). Manual recommendations are returned as they are. One recommendation failing does
 * not stop the next (an instance is still isolated when its role cannot be found).
 */
export async function respondToFinding(options: RespondOptions): Promise<ResponseResult> {
  const { finding } = options;
  const { family, recommendations } = recommend(finding);
  const steps: ResponseStep[] = [];
  for (const recommendation of recommendations) {
    const playbook = playbookNamed(recommendation.playbook);
    if (!playbook || !recommendation.target) {
      steps.push({ recommendation });
      continue;
    }
    try {
      const target = { ...options.clients.target, region: recommendation.region };
      const regional = new AwsClients(options.caseId ? { ...target, caseId: options.caseId } : target);
      const [resolved] = await resolveTargets(recommendation.playbook, [recommendation.target], {}, regional);
      if (!resolved) throw new Error(`no ${recommendation.playbook} target for ${recommendation.target}`);
      const run = await runPlaybook({
        playbook,
        target: resolved,
        clients: regional,
        apply: options.apply ?? false,
        ...(options.store && options.caseId ? { store: options.store, caseId: options.caseId } : {}),
        ...(options.actor ? { actor: options.actor } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      });
      steps.push({ recommendation, run });
    } catch (error) {
      steps.push({ recommendation, error: describeError(error) });
    }
  }
  return { findingId: finding.id, family, caseId: options.caseId, steps };
}
