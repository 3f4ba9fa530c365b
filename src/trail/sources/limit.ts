/**
 * At most `max` calls of the returned function run at once; the rest wait in order.
 * (Downloads from S3: enough in flight to hide latency, few enough to keep memory bounded.)
 */
export function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`limit must be a positive integer, got ${max}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    // Hand the slot straight to the next waiter, so a newcomer cannot slip in between.
    if (next) next();
    else active--;
  };
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
