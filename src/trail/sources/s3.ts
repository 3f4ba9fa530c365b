import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { GarrisonError } from '../../errors.js';
import { deliveryTime } from '../files.js';
import { mergeByTime } from '../merge-time.js';
import type { Blob } from '../scan/types.js';
import {
  dayFolders,
  followFolder,
  type LayoutLevel,
  levelUnder,
  locationInScope,
  looksLikeTrailFile,
  prunesBelow,
  type TrailScope,
} from './delivery-layout.js';
import { createLimiter } from './limit.js';
import type { S3Location } from './locations.js';

export { parseS3Url, type S3Location } from './locations.js';

/**
 * How many folder levels outside `AWSLogs/` are listed folder by folder: a trail's S3 key prefix
 * of up to three folders (`logs/cloudtrail/`) is found from the bucket's root, and its regions
 * are read side by side.
 */
const OUTSIDE_DEPTH = 4;

export interface S3ReadOptions {
  /** Downloads in flight at once (default 8). */
  concurrency?: number;
}

/**
 * The CloudTrail log files under an S3 location, as blobs to scan. Listing walks the delivered
 * layout one folder level at a time while something can still be pruned (then lists flat), and
 * a short --since/--until window goes straight to its day folders: accounts, regions and days
 * out of scope are never listed, and keys out of scope are never downloaded. Each blob downloads when the scanner asks,
 * at most `concurrency` at once; the SDK retries throttling and 5xx answers.
 */
export async function* s3TrailBlobs(
  s3: S3Client,
  location: S3Location,
  scope: TrailScope = {},
  options: S3ReadOptions = {},
): AsyncGenerator<Blob> {
  const limit = createLimiter(options.concurrency ?? 8);
  const { bucket } = location;
  const blob = (key: string, size: number | undefined): Blob => ({
    location: `s3://${bucket}/${key}`,
    ...(size === undefined ? {} : { size }),
    load: () =>
      limit(async () => {
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!answer.Body) throw new Error('S3 returned an empty body');
        return answer.Body.transformToByteArray();
      }),
    // Large objects are streamed chunk by chunk; the download slot is held until the stream ends.
    open: () => streamObject(key),
  });

  async function* streamObject(key: string): AsyncGenerator<Uint8Array> {
    let finish = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    await new Promise<void>((started) => {
      void limit(() => {
        started();
        return finished;
      });
    });
    try {
      const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!answer.Body) throw new Error('S3 returned an empty body');
      yield* answer.Body as AsyncIterable<Uint8Array>;
    } finally {
      finish();
    }
  }

  const days = dayFolders(scope);

  /**
   * Lists `prefix`, folder by folder down to a trail's regions (so they can be read side by side),
   * then flat (1,000 keys a call) below them unless days can be pruned. Outside `AWSLogs/` (a
   * trail's key prefix, other data), the given prefix and the folders down to OUTSIDE_DEPTH - 1
   * levels below it are listed by folders, looking for an `AWSLogs/`; deeper ones flat.
   */
  async function* walk(prefix: string, level: LayoutLevel, outsideDepth = 0): AsyncGenerator<Blob> {
    if (level === 'year' && days && prefix.endsWith('/')) {
      // A short window: list its day folders directly instead of years, then months, then days.
      for (const day of days) yield* walk(`${prefix}${day}`, 'files');
      return;
    }
    // At a trail's regions, the region folders are listed and read side by side, in time order.
    const regions = level === 'region';
    const above =
      level === 'account' || level === 'service' || (level === 'outside' && outsideDepth < OUTSIDE_DEPTH);
    const flat = !regions && !above && !prunesBelow(level, scope);
    const pages = paginateListObjectsV2(
      { client: s3 },
      { Bucket: bucket, Prefix: prefix, ...(flat ? {} : { Delimiter: '/' }) },
    );
    const regionWalks: AsyncGenerator<Blob>[] = [];
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const key = object.Key;
        if (!key || key.endsWith('/') || !looksLikeTrailFile(key)) continue;
        if (!locationInScope(key, scope)) continue;
        yield blob(key, object.Size);
      }
      for (const common of page.CommonPrefixes ?? []) {
        const folder = common.Prefix;
        if (!folder) continue;
        const name = folder.slice(folder.lastIndexOf('/', folder.length - 2) + 1, -1);
        if (!followFolder(level, name, folder, scope)) continue;
        const under = levelUnder(folder);
        if (regions) regionWalks.push(walk(folder, under));
        else yield* walk(folder, under, level === 'outside' ? outsideDepth + 1 : 0);
      }
    }
    if (regionWalks.length > 0) yield* mergeByTime(regionWalks, deliveryTime);
  }

  try {
    yield* walk(location.prefix, levelUnder(location.prefix));
  } catch (error) {
    throw new GarrisonError('aws', `cannot list s3://${bucket}/${location.prefix}: ${describe(error)}`, {
      cause: error,
      hint: 'check the bucket name, the region (--region) and that you may s3:ListBucket on it',
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error)
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}
