/**
 * A small seeded pseudo-random generator (sfc32, seeded through a string hash), so that a
 * generated trail is the same bytes for the same seed. Never Math.random, never the clock.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Hashes a seed (number or text) into four 32-bit words (cyrb128). */
function seedWords(seed: number | string): [number, number, number, number] {
  const text = String(seed);
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    [this.a, this.b, this.c, this.d] = seedWords(seed);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A child generator for an independent stream (e.g. one per region), still deterministic. */
  fork(label: string): Prng {
    return new Prng(`${this.u32()}:${label}`);
  }

  /** An unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max] (both included). */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i += 4) {
      const v = this.u32();
      out += HEX[v & 255]! + HEX[(v >>> 8) & 255]! + HEX[(v >>> 16) & 255]! + HEX[v >>> 24]!;
    }
    return out.slice(0, bytes * 2);
  }

  /** A version-4 UUID (as CloudTrail's eventID and most requestIDs are). */
  uuid(): string {
    const h = this.hex(16);
    const variant = '89ab'[this.int(4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** `n` characters from an alphabet (default: upper-case letters and digits 2-7, as in AWS key ids). */
  chars(n: number, alphabet: string = UPPER_ALNUM): string {
    const size = alphabet.length;
    let out = '';
    if (size === 32 || size === 64) {
      // Power-of-two alphabets: take several characters from each 32-bit draw.
      const bits = size === 32 ? 5 : 6;
      const perDraw = Math.floor(32 / bits);
      for (let i = 0; i < n; i += perDraw) {
        let v = this.u32();
        for (let j = 0; j < perDraw && i + j < n; j++) {
          out += alphabet[v & (size - 1)];
          v >>>= bits;
        }
      }
      return out;
    }
    for (let i = 0; i < n; i++) out += alphabet[this.int(size)];
    return out;
  }
}

/** Picks from weighted choices: build once, draw many times. */
export class WeightedChoice<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = entries.map(([item]) => item);
    let sum = 0;
    this.cumulative = entries.map(([, weight]) => {
      sum += weight;
      return sum;
    });
    this.total = sum;
    if (this.items.length === 0 || !(sum > 0))
      throw new RangeError('weighted choice needs a positive weight');
  }

  draw(prng: Prng): T {
    const x = prng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < (this.cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
