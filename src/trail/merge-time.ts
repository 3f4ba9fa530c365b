import type { Blob } from './scan/types.js';

/**
 * Merges streams of blobs, each already in time order (the files of one region of a trail), into
 * one stream ordered by the delivery time in their names (`when`), ties and unnamed files by
 * location. Holds one blob per stream: a multi-region trail is read in time order across its
 * regions without listing it all first.
 */
export async function* mergeByTime(
  streams: AsyncGenerator<Blob>[],
  when: (location: string) => number | undefined,
): AsyncGenerator<Blob> {
  const heads: { blob: Blob; time: number; stream: AsyncGenerator<Blob> }[] = [];
  const advance = async (stream: AsyncGenerator<Blob>) => {
    const next = await stream.next();
    if (!next.done) heads.push({ blob: next.value, time: when(next.value.location) ?? Infinity, stream });
  };
  for (const stream of streams) await advance(stream);
  while (heads.length > 0) {
    let first = 0;
    for (let i = 1; i < heads.length; i++) {
      const a = heads[i]!;
      const b = heads[first]!;
      if (a.time < b.time || (a.time === b.time && a.blob.location < b.blob.location)) first = i;
    }
    const [head] = heads.splice(first, 1);
    yield head!.blob;
    await advance(head!.stream);
  }
}
