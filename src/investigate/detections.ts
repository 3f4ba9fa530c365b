import type { RuleInfo } from '../detect/engine/detection.js';
import { RuleIndex } from '../detect/engine/rule-index.js';
import { loadDetections, type RuleSelection } from '../detect/engine/rule-set.js';
import { StatefulRun, slimRecord } from '../detect/stateful/index.js';
import type { CloudTrailRecord } from '../trail/record.js';

/** A loaded rule set that tells which detections fire on a record. */
export interface Detector {
  fired(record: CloudTrailRecord): RuleInfo[];
}

/**
 * The detections of a selection (default: the built-in pack): single-record rules indexed by
 * eventName and, when the records are given, the stateful detections run over them in time order
 * (a pattern's hit is shown on its own event and on the earlier events that make it up). Stateful
 * detections see only these records, so a pattern that needs others (a baseline) may not fire.
 */
export async function loadDetector(
  selection: RuleSelection = {},
  records: readonly CloudTrailRecord[] = [],
): Promise<Detector> {
  const { rules, stateful } = await loadDetections(selection);
  const index = new RuleIndex(rules);
  const info = new Map([...rules, ...stateful].map((r) => [r.info.id, r.info]));
  const byEvent = new Map<string, Set<string>>();
  if (stateful.length && records.length) {
    const run = new StatefulRun(
      {},
      stateful.map((s) => s.detection),
    );
    const sorted = [...records].sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
    const hits = [...sorted.flatMap((r) => run.observe(slimRecord(r))), ...run.flush()];
    for (const hit of hits)
      for (const id of [hit.eventId, ...hit.related]) {
        if (!id) continue;
        const set = byEvent.get(id) ?? new Set<string>();
        for (const rule of hit.rules) set.add(rule);
        byEvent.set(id, set);
      }
  }
  return {
    fired: (record) => {
      const ids = new Set(index.match(record));
      for (const id of (record.eventID && byEvent.get(record.eventID)) || []) ids.add(id);
      return [...ids].flatMap((id) => info.get(id) ?? []);
    },
  };
}
