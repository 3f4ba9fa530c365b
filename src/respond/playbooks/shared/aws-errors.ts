/** The AWS error code of a thrown SDK error (`name`, or `Code` for some query APIs), or undefined. */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; Code?: unknown; code?: unknown };
  for (const v of [e.Code, e.code, e.name]) if (typeof v === 'string' && v !== 'Error') return v;
  return undefined;
}

/** True when AWS answered that the thing does not exist (NoSuchEntity, NoSuchBucketPolicy, ...NotFound). */
export function isMissing(error: unknown, ...codes: string[]): boolean {
  const code = awsErrorCode(error);
  if (!code) return false;
  if (codes.includes(code)) return true;
  return /^(NoSuch|NotFound)|NotFound$|\.NotFound$/.test(code);
}
