/**
 * Where CloudTrail delivers its files and what it names them:
 * `AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddTHHmmZ>_<16 chars>.json.gz`
 * and, for log file validation, `AWSLogs/<account>/CloudTrail-Digest/<region>/...`.
 */
import type { Prng } from './prng.js';

const UNIQUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function parts(ms: number) {
  const iso = new Date(ms).toISOString();
  return {
    yyyy: iso.slice(0, 4),
    mm: iso.slice(5, 7),
    dd: iso.slice(8, 10),
    hh: iso.slice(11, 13),
    mi: iso.slice(14, 16),
    ss: iso.slice(17, 19),
  };
}

/** The folder of a day's log files for an account and region. */
export function logFolder(account: string, region: string, ms: number): string {
  const { yyyy, mm, dd } = parts(ms);
  return `AWSLogs/${account}/CloudTrail/${region}/${yyyy}/${mm}/${dd}`;
}

/** The key of one log file delivered at `deliveredMs`. */
export function logFileKey(prng: Prng, account: string, region: string, deliveredMs: number): string {
  const { yyyy, mm, dd, hh, mi } = parts(deliveredMs);
  const stamp = `${yyyy}${mm}${dd}T${hh}${mi}Z`;
  return `${logFolder(account, region, deliveredMs)}/${account}_CloudTrail_${region}_${stamp}_${prng.chars(16, UNIQUE)}.json.gz`;
}

/** The key of the digest file covering the hour that ends at `endMs`. */
export function digestFileKey(
  account: string,
  region: string,
  trail: string,
  homeRegion: string,
  endMs: number,
): string {
  const { yyyy, mm, dd, hh, mi, ss } = parts(endMs);
  return `AWSLogs/${account}/CloudTrail-Digest/${region}/${yyyy}/${mm}/${dd}/${account}_CloudTrail-Digest_${region}_${trail}_${homeRegion}_${yyyy}${mm}${dd}T${hh}${mi}${ss}Z.json.gz`;
}

/** The pattern every delivered log file key matches (tests and readers can rely on it). */
export const LOG_FILE_KEY =
  /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z]{2}(?:-[a-z]+)+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_\3\4\5T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
