/**
 * A fast byte search for a needle in decompressed CloudTrail. Buffer.indexOf runs a memchr on the
 * needle's first byte for needles shorter than 8 bytes, but switches to Boyer-Moore-Horspool from
 * 8 bytes on, which is 3 to 6 times slower here (measured: `Login":` 8.6 GB/s, `Login":"` 1.1 GB/s,
 * `"ConsoleLogin"` 2.6 GB/s). So the search looks for a short anchor inside the needle that starts
 * at the needle's rarest byte in CloudTrail JSON text, and checks the rest of the needle around
 * each anchor hit in JavaScript. Same answers as buf.indexOf(needle, from).
 */

/**
 * Printable bytes from the most to the least frequent in CloudTrail JSON (measured on generated
 * delivered files; real trails have the same shape: quotes, lower-case keys, digits of times).
 * Bytes not listed (non-ASCII, rare punctuation) count as rarer than all of these.
 */
const BY_FREQUENCY = '"ea:stnro,c1i2d-u0ml4A3.56p879wISvfby/gE{}RDTCPM hLz_OkHVNxXZWFGKqB#UJjQY[]+@();=';
const MAX_ANCHOR = 7;

function rarity(byte: number): number {
  const rank = BY_FREQUENCY.indexOf(String.fromCharCode(byte));
  return rank < 0 ? BY_FREQUENCY.length : rank;
}

export class NeedleFinder {
  readonly needle: Buffer;
  /** Where the anchor starts in the needle. */
  readonly offset: number;
  private readonly anchor: Buffer;

  constructor(needle: Buffer) {
    if (needle.length === 0) throw new RangeError('empty needle');
    this.needle = needle;
    let best = 0;
    for (let i = 1; i < needle.length; i++) if (rarity(needle[i]!) > rarity(needle[best]!)) best = i;
    this.offset = best;
    this.anchor = needle.subarray(this.offset, Math.min(needle.length, this.offset + MAX_ANCHOR));
  }

  /** The first index at or after `from` where the needle starts, or -1 (as buf.indexOf). */
  find(buf: Buffer, from = 0): number {
    const { needle, offset, anchor } = this;
    const last = buf.length - needle.length;
    let at = buf.indexOf(anchor, from + offset);
    while (at >= 0) {
      const start = at - offset;
      if (start > last) return -1;
      if (this.fits(buf, start)) return start;
      at = buf.indexOf(anchor, at + 1);
    }
    return -1;
  }

  /** True when the needle is at `start` (the anchor is known to be). */
  private fits(buf: Buffer, start: number): boolean {
    const { needle, offset, anchor } = this;
    for (let i = 0; i < offset; i++) if (buf[start + i] !== needle[i]) return false;
    for (let i = offset + anchor.length; i < needle.length; i++)
      if (buf[start + i] !== needle[i]) return false;
    return true;
  }
}

const finders = new Map<string, NeedleFinder>();

/** The finder for a search text (UTF-8), cached: a scan searches the same few needles in every file. */
export function finderFor(text: string): NeedleFinder {
  let finder = finders.get(text);
  if (!finder) {
    finder = new NeedleFinder(Buffer.from(text, 'utf8'));
    if (finders.size > 1000) finders.clear();
    finders.set(text, finder);
  }
  return finder;
}
