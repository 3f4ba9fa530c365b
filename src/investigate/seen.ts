/** A value with when it was first and last seen and how often: the unit of pivots and IOCs. */
export interface Sighting {
  value: string;
  first: string;
  last: string;
  count: number;
}

/** Counts sightings of values over time; output is ordered by first seen, then value. */
export class Sightings {
  private readonly byValue = new Map<string, Sighting>();

  add(value: string | undefined, time: string, times = 1): void {
    if (value === undefined || value === '') return;
    const s = this.byValue.get(value);
    if (!s) {
      this.byValue.set(value, { value, first: time, last: time, count: times });
      return;
    }
    s.count += times;
    if (time < s.first) s.first = time;
    if (time > s.last) s.last = time;
  }

  get size(): number {
    return this.byValue.size;
  }

  list(): Sighting[] {
    return [...this.byValue.values()].sort(
      (a, b) => a.first.localeCompare(b.first) || a.value.localeCompare(b.value),
    );
  }
}
