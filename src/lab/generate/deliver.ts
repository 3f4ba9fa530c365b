/**
 * Packs records into CloudTrail log files as the service would deliver them: per region, one
 * gzipped `{"Records":[...]}` object per five minutes of events, keyed in the `AWSLogs/...` layout.
 * For replaying a story into a bucket (the demo) or a folder without the background generator.
 */
import { gzipSync } from 'node:zlib';
import { GarrisonError } from '../../errors.js';
import type { TrailEvent } from './event.js';
import { logFileKey } from './layout.js';
import { Prng } from './prng.js';

export interface DeliveredFile {
  /** `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<stamp>_<16 chars>.json.gz` */
  key: string;
  region: string;
  records: number;
  /** The gzipped file content. */
  body: Buffer;
}

const FIVE_MINUTES = 5 * 60_000;

export function deliverRecords(
  records: readonly TrailEvent[],
  options: { accountId: string; seed?: number | string; prefix?: string },
): DeliveredFile[] {
  if (!/^\d{12}$/.test(options.accountId))
    throw new GarrisonError('usage', `not an AWS account id: ${options.accountId}`);
  const naming = new Prng(options.seed ?? `deliver:${options.accountId}`);
  const groups = new Map<string, { region: string; windowMs: number; records: TrailEvent[] }>();
  for (const record of records) {
    const region = String(record.awsRegion ?? '');
    const ms = Date.parse(String(record.eventTime));
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region) || Number.isNaN(ms)) {
      throw new GarrisonError(
        'input',
        `cannot deliver a record without a region and time (eventID ${String(record.eventID)})`,
      );
    }
    const windowMs = Math.floor(ms / FIVE_MINUTES) * FIVE_MINUTES;
    const id = `${region}|${windowMs}`;
    const group = groups.get(id) ?? { region, windowMs, records: [] };
    group.records.push(record);
    groups.set(id, group);
  }
  const prefix = options.prefix ? `${options.prefix.replace(/\/+$/, '')}/` : '';
  return [...groups.values()]
    .sort((a, b) => a.windowMs - b.windowMs || a.region.localeCompare(b.region))
    .map((group) => {
      const sorted = [...group.records].sort((a, b) =>
        String(a.eventTime).localeCompare(String(b.eventTime)),
      );
      const text = `{"Records":[${sorted.map((r) => JSON.stringify(r)).join(',')}]}`;
      return {
        key: prefix + logFileKey(naming, options.accountId, group.region, group.windowMs + FIVE_MINUTES),
        region: group.region,
        records: sorted.length,
        body: gzipSync(text, { level: 6 }),
      };
    });
}
