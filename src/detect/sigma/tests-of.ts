/**
 * A rule is many small tests run for every record: these loops combine them without making a
 * closure per call, as `tests.every((t) => t(record))` would.
 */
export type Test<T> = (value: T) => boolean;

export function allHold<T>(tests: readonly Test<T>[], value: T): boolean {
  for (let i = 0; i < tests.length; i++) if (!(tests[i] as Test<T>)(value)) return false;
  return true;
}

export function anyHolds<T>(tests: readonly Test<T>[], value: T): boolean {
  for (let i = 0; i < tests.length; i++) if ((tests[i] as Test<T>)(value)) return true;
  return false;
}

/** True when the test holds for one of the values. */
export function holdsForAny<T>(values: readonly T[], test: Test<T>): boolean {
  for (let i = 0; i < values.length; i++) if (test(values[i] as T)) return true;
  return false;
}
