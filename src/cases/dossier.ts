import type { CaseStore } from './store.js';
import type { ActionEntry, Case, CustodyEvent, EvidenceItem, Note } from './types.js';

/** Everything the store holds about one case: what `case show --format json` prints and a report reads. */
export interface CaseDossier {
  case: Case;
  /** The actions journal, oldest first (apply and undo entries). */
  actions: ActionEntry[];
  /** Evidence items, each with its chain of custody. */
  evidence: (EvidenceItem & { custody: CustodyEvent[] })[];
  notes: Note[];
}

export function caseDossier(store: CaseStore, id: string): CaseDossier {
  const kase = store.cases.get(id);
  return {
    case: kase,
    actions: store.journal.forCase(id),
    evidence: store.evidence
      .forCase(id)
      .map((item) => ({ ...item, custody: store.evidence.custody(item.id) })),
    notes: store.cases.notes(id),
  };
}
