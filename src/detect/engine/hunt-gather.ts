import type { Finding } from '../../findings/finding.js';
import type { FindingGrouper } from '../../findings/grouping.js';
import type { ScanEvent } from '../../trail/scan/types.js';
import type { StatefulRun } from '../stateful/index.js';
import type { HuntAggregate, HuntMatch } from './matcher.js';

/**
 * The main thread's side of a hunt: feeds the slim records the workers send to the stateful
 * detections, and merges each blob's grouped rule hits and stateful baselines into the findings.
 */
export class HuntGathering {
  /** Records on which at least one rule fired. */
  matched = 0;

  constructor(
    readonly grouper: FindingGrouper,
    readonly state: StatefulRun,
  ) {}

  take(event: ScanEvent<HuntMatch>): void {
    if (event.kind === 'match') {
      for (const hit of this.state.observe(event.value.state)) this.grouper.add(hit);
    } else if (event.kind === 'blob-done' && event.aggregate) {
      const aggregate = event.aggregate as HuntAggregate;
      this.matched += aggregate.fired;
      this.grouper.absorb(aggregate.hits);
      this.state.absorb(aggregate.baselines);
    }
  }

  /** End of the stream: the stateful detections' pending hits, then every finding. */
  findings(): Finding[] {
    for (const hit of this.state.flush()) this.grouper.add(hit);
    return this.grouper.findings(true);
  }
}
