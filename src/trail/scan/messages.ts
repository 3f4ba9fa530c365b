import type { BlobStats } from './decode.js';
import type { MatcherSpec, ScanEvent } from './types.js';

/**
 * What the main thread tells a scan worker. A blob with a path is a local file the worker reads; one
 * with neither bytes nor path arrives as chunks, then 'end'.
 */
export type ToWorker =
  | { type: 'init'; spec: MatcherSpec }
  | { type: 'blob'; id: number; location: string; bytes?: Uint8Array; path?: string }
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  | { type: 'end'; id: number; error?: string };

/** What a scan worker tells the main thread. 'credit': one streamed chunk consumed, send another. */
export type ToMain =
  | { type: 'ready' }
  | { type: 'events'; id: number; events: ScanEvent[] }
  | { type: 'credit'; id: number }
  | { type: 'done'; id: number; stats: BlobStats; aggregate?: unknown; events: ScanEvent[] }
  | { type: 'fatal'; message: string };
