/** "2 h 05 min", "3 d 4 h", "45 s": a duration as a person reads it. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** The earliest of some ISO times (undefined and unparsable ones ignored), as ISO, or null. */
export function earliest(times: Iterable<string | null | undefined>): string | null {
  let best: number | null = null;
  for (const t of times) {
    if (!t) continue;
    const ms = Date.parse(t);
    if (!Number.isNaN(ms) && (best === null || ms < best)) best = ms;
  }
  return best === null ? null : new Date(best).toISOString();
}

export function latest(times: Iterable<string | null | undefined>): string | null {
  let best: number | null = null;
  for (const t of times) {
    if (!t) continue;
    const ms = Date.parse(t);
    if (!Number.isNaN(ms) && (best === null || ms > best)) best = ms;
  }
  return best === null ? null : new Date(best).toISOString();
}
