import type { RuleInfo } from '../detect/engine/detection.js';
import { RuleIndex } from '../detect/engine/rule-index.js';
import { loadRules, type RuleSelection } from '../detect/engine/rule-set.js';
import type { CloudTrailRecord } from '../trail/record.js';

/** The detections that fired on each record, by position in the list given. */
export type DetectionsByRecord = Map<number, RuleInfo[]>;

/** A loaded rule set that tells which detections fire on a record (single-record rules). */
export interface Detector {
  fired(record: CloudTrailRecord): RuleInfo[];
}

/** The single-record rules of a selection (default: the built-in pack), indexed by eventName. */
export async function loadDetector(selection: RuleSelection = {}): Promise<Detector> {
  const rules = await loadRules(selection);
  const index = new RuleIndex(rules);
  const info = new Map(rules.map((r) => [r.info.id, r.info]));
  return {
    fired: (record) => index.match(record).flatMap((id) => info.get(id) ?? []),
  };
}

export function detectionsOn(records: readonly CloudTrailRecord[], detector: Detector): DetectionsByRecord {
  const out: DetectionsByRecord = new Map();
  records.forEach((record, i) => {
    const fired = detector.fired(record);
    if (fired.length) out.set(i, fired);
  });
  return out;
}
