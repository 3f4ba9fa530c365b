import { SingleBar } from 'cli-progress';

/** How far a long read has got; totals are what is known so far (S3 listings arrive as they go). */
export interface ReadProgress {
  files: number;
  filesKnown: number;
  /** Compressed bytes read, and the size of every file found so far. */
  bytesIn: number;
  bytesKnown: number;
  records: number;
}

export interface ProgressDisplay {
  update(progress: ReadProgress): void;
  stop(): void;
}

const NONE: ProgressDisplay = { update() {}, stop() {} };

/**
 * A progress bar on stderr (files, bytes, records, rate, ETA), shown only when stderr is a
 * terminal, so pipes and CI logs stay clean. Updates are throttled by cli-progress.
 */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
  now = () => Date.now(),
): ProgressDisplay {
  if (!stream.isTTY) return NONE;
  const started = now();
  const bar = new SingleBar({
    stream,
    format:
      '{bar} {percentage}% | {files} files | {bytes} | {records} records | {rate} | ETA {eta_formatted}',
    barsize: 20,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
  });
  let running = false;
  return {
    update(progress) {
      const payload = progressFields(progress, (now() - started) / 1000);
      const total = Math.max(progress.bytesKnown, progress.bytesIn, 1);
      if (!running) {
        bar.start(total, progress.bytesIn, payload);
        running = true;
      } else {
        bar.setTotal(total);
        bar.update(progress.bytesIn, payload);
      }
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/** The text fields of the bar, for a given elapsed time in seconds. */
export function progressFields(progress: ReadProgress, seconds: number): Record<string, string> {
  const perSecond = seconds > 0 ? Math.round(progress.records / seconds) : 0;
  return {
    files: `${progress.files}/${progress.filesKnown}`,
    bytes: `${formatBytes(progress.bytesIn)}/${formatBytes(progress.bytesKnown)}`,
    records: progress.records.toLocaleString('en-US'),
    rate: `${perSecond.toLocaleString('en-US')} rec/s`,
  };
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
