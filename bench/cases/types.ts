import type { Dataset } from '../dataset.js';

/** What one benchmark case reports; the runner adds the time and the peak RSS of its process. */
export interface CaseResult {
  /** Records decoded (the runner uses the data set's count when a case does not count them). */
  records?: number;
  /** Uncompressed bytes processed. */
  bytesOut: number;
  /** Anything worth printing (matches, findings). */
  note?: string;
}

/**
 * One benchmark case, run alone in a child process with the given worker count. To add a case,
 * write a module exporting one and list it in bench/cases/index.ts.
 */
export interface BenchCase {
  name: string;
  label: string;
  run(dataset: Dataset, workers: number): Promise<CaseResult>;
}
