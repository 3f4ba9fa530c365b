import { GarrisonError } from '../errors.js';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Reads a `--since`/`--until` value: relative to `now` (`30m`, `24h`, `7d`, `2w`, `45s` mean that long
 * ago) or an ISO 8601 date or time (`2024-05-01`, `2024-05-01T12:00:00Z`). Returns epoch milliseconds.
 */
export function parseTime(text: string, now: number = Date.now()): number {
  const trimmed = text.trim();
  const relative = /^(\d{1,9})([smhdw])$/.exec(trimmed);
  if (relative) return now - Number(relative[1]) * UNITS[relative[2]!]!;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) {
    const time = Date.parse(trimmed);
    if (!Number.isNaN(time)) return time;
  }
  throw new GarrisonError('usage', `not a time: ${JSON.stringify(text)}`, {
    hint: 'use a relative time (30m, 24h, 7d) or ISO 8601 (2024-05-01T12:00:00Z)',
  });
}
