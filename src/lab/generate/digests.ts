/**
 * CloudTrail-Digest files: each hour, per region, the list of log files delivered with the
 * SHA-256 of their content, chained to the previous digest (log file integrity validation).
 * The signature is a random stand-in: nothing here is signed.
 */
import { createHash } from 'node:crypto';
import { trailTime } from './identities.js';
import { digestFileKey } from './layout.js';
import type { Prng } from './prng.js';

interface RegionDigest {
  logFiles: Array<Record<string, unknown>>;
  previous?: { key: string; hash: string };
}

export class DigestBook {
  private readonly regions = new Map<string, RegionDigest>();

  constructor(
    private readonly account: string,
    private readonly trail: string,
    private readonly homeRegion: string,
    private readonly prng: Prng,
  ) {}

  private of(region: string): RegionDigest {
    let state = this.regions.get(region);
    if (!state) {
      state = { logFiles: [] };
      this.regions.set(region, state);
    }
    return state;
  }

  get bucket(): string {
    return `${this.account}-cloudtrail`;
  }

  /** Notes a delivered log file. */
  add(region: string, key: string, body: Buffer, oldestMs: number, newestMs: number): void {
    this.of(region).logFiles.push({
      s3Bucket: this.bucket,
      s3Object: key,
      hashValue: createHash('sha256').update(body).digest('hex'),
      hashAlgorithm: 'SHA-256',
      newestEventTime: trailTime(newestMs),
      oldestEventTime: trailTime(oldestMs),
    });
  }

  /** The digest file closing the period `[fromMs, toMs)` of a region: its key and content. */
  close(region: string, fromMs: number, toMs: number): { key: string; body: Buffer } {
    const state = this.of(region);
    const key = digestFileKey(this.account, region, this.trail, this.homeRegion, toMs);
    const digest = {
      awsAccountId: this.account,
      digestStartTime: trailTime(fromMs),
      digestEndTime: trailTime(toMs),
      digestS3Bucket: this.bucket,
      digestS3Object: key,
      digestPublicKeyFingerprint: this.prng.hex(16),
      digestSignatureAlgorithm: 'SHA256withRSA',
      newestEventTime: state.logFiles.at(-1)?.newestEventTime ?? null,
      oldestEventTime: state.logFiles[0]?.oldestEventTime ?? null,
      previousDigestS3Bucket: state.previous ? this.bucket : null,
      previousDigestS3Object: state.previous?.key ?? null,
      previousDigestHashValue: state.previous?.hash ?? null,
      previousDigestHashAlgorithm: state.previous ? 'SHA-256' : null,
      previousDigestSignature: state.previous ? this.prng.hex(32) : null,
      logFiles: state.logFiles,
    };
    const body = Buffer.from(JSON.stringify(digest));
    state.previous = { key, hash: createHash('sha256').update(body).digest('hex') };
    state.logFiles = [];
    return { key, body };
  }
}
