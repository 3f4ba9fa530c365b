import { GarrisonError } from '../../errors.js';
import type { Playbook, PlaybookTarget, Step } from '../step.js';

const STEP_ID = /^[a-z][a-z0-9-]{0,62}$/;
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;

function invalid(playbook: string, message: string): GarrisonError {
  return new GarrisonError('internal', `playbook ${playbook}: ${message}`);
}

/**
 * Checks a playbook's declaration before anything runs: unique kebab-case step ids, known and acyclic
 * dependencies, reads of other steps only from steps it depends on, IAM actions as service:Action,
 * and no undo on an evidence step. Returns the steps in a dependency order (declaration order kept).
 */
export function validatePlaybook<T extends PlaybookTarget>(playbook: Playbook<T>): Step<T>[] {
  const byId = new Map<string, Step<T>>();
  for (const step of playbook.steps) {
    if (!STEP_ID.test(step.id))
      throw invalid(playbook.name, `step id ${JSON.stringify(step.id)} is not kebab-case`);
    if (byId.has(step.id)) throw invalid(playbook.name, `two steps are called ${step.id}`);
    byId.set(step.id, step);
  }
  for (const step of playbook.steps) {
    for (const dep of step.dependsOn) {
      if (!byId.has(dep)) throw invalid(playbook.name, `step ${step.id} depends on unknown step ${dep}`);
    }
    for (const action of step.iamActions) {
      if (!IAM_ACTION.test(action))
        throw invalid(playbook.name, `step ${step.id}: ${action} is not an IAM action`);
    }
    if (step.evidence && step.undo) {
      throw invalid(playbook.name, `step ${step.id} collects evidence and must not be undoable`);
    }
  }
  const ordered: Step<T>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const ancestors = new Map<string, Set<string>>();
  const visit = (step: Step<T>, path: string[]): Set<string> => {
    const seen = state.get(step.id);
    if (seen === 'done') return ancestors.get(step.id) as Set<string>;
    if (seen === 'visiting')
      throw invalid(playbook.name, `dependency cycle ${[...path, step.id].join(' -> ')}`);
    state.set(step.id, 'visiting');
    const mine = new Set<string>();
    for (const dep of step.dependsOn) {
      mine.add(dep);
      for (const a of visit(byId.get(dep) as Step<T>, [...path, step.id])) mine.add(a);
    }
    state.set(step.id, 'done');
    ancestors.set(step.id, mine);
    ordered.push(step);
    return mine;
  };
  for (const step of playbook.steps) visit(step, []);
  for (const step of playbook.steps) {
    for (const read of step.reads) {
      const source = read.split('.')[0] ?? '';
      if (source === 'target' || !byId.has(source)) continue;
      if (!ancestors.get(step.id)?.has(source)) {
        throw invalid(playbook.name, `step ${step.id} reads ${read} but does not depend on step ${source}`);
      }
    }
  }
  return ordered;
}
