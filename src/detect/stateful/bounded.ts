/**
 * A Map that holds at most `capacity` keys and forgets the least recently used one first: how
 * every stateful detection keeps its memory bounded however many principals a hunt sees.
 */
export class BoundedMap<K, V> {
  readonly #entries = new Map<K, V>();
  readonly capacity: number;
  /** The most recently used key (last in #entries), which need not be moved again. */
  #newest: K | undefined;
  #hasNewest = false;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer: ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, marked as most recently used. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined && !(this.#hasNewest && this.#newest === key)) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
      this.#newest = key;
      this.#hasNewest = true;
    }
    return value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#newest = key;
    this.#hasNewest = true;
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return this;
  }

  /** The value for key, created (and stored) when missing. */
  upsert(key: K, create: () => V): V {
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = create();
    this.set(key, value);
    return value;
  }

  delete(key: K): boolean {
    if (this.#hasNewest && this.#newest === key) this.#hasNewest = false;
    return this.#entries.delete(key);
  }

  values(): IterableIterator<V> {
    return this.#entries.values();
  }

  entries(): IterableIterator<[K, V]> {
    return this.#entries.entries();
  }
}

/** Timestamped items within a time window, at most `capacity` of them (oldest dropped first). */
export class TimeWindow<T> {
  readonly items: { time: number; item: T }[] = [];

  constructor(
    readonly windowMs: number,
    readonly capacity: number,
  ) {}

  /** Adds an item and drops those older than the window, measured from the newest time seen. */
  add(time: number, item: T): void {
    this.items.push({ time, item });
    if (this.items.length > 1 && time < (this.items[this.items.length - 2]?.time ?? time))
      this.items.sort((a, b) => a.time - b.time);
    const newest = this.items[this.items.length - 1]?.time ?? time;
    while (
      this.items.length &&
      ((this.items[0]?.time ?? newest) < newest - this.windowMs || this.items.length > this.capacity)
    )
      this.items.shift();
  }

  get length(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }
}
