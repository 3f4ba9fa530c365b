/**
 * One observation of account state: the value, or why garrison could not see it. A check over a
 * failed observation reports `error` with this reason instead of guessing pass or fail.
 */
export type Observed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `Name: message` of an AWS SDK error, with unimplemented-API answers (HTML instead of XML/JSON) named as such. */
export function describeAwsFailure(error: unknown, operation: string): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const name = e?.name ?? 'Error';
  const message = e?.message ?? String(error);
  const status = e?.$metadata?.httpStatusCode;
  if (/Deserialization|Unexpected token|not valid JSON|char '<'|parse/i.test(`${name} ${message}`)) {
    return `${operation}: not supported by this endpoint (the answer was not an AWS response${status ? `, HTTP ${status}` : ''})`;
  }
  if (
    status === 404 &&
    /UnknownOperation|NotFound|404/i.test(`${name} ${message}`) &&
    name === 'UnknownError'
  ) {
    return `${operation}: not supported by this endpoint (HTTP 404)`;
  }
  if (/AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden/i.test(name)) {
    return `${operation}: access denied (${name}); grant garrison's audit role read access`;
  }
  return `${operation}: ${name === 'Error' ? '' : `${name}: `}${message}`;
}

/** Runs one read; an AWS failure becomes `{ ok: false }` with a clear reason, never an exception. */
export async function observe<T>(operation: string, read: () => Promise<T>): Promise<Observed<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, error: describeAwsFailure(error, operation) };
  }
}

/** The error name of an AWS SDK failure (`NoSuchBucketPolicy`), for reads where "absent" is an answer. */
export function awsErrorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

/** Runs a read where some error names mean "there is none" (e.g. NoSuchBucketPolicy): those give `fallback`. */
export async function readOr<T>(
  read: () => Promise<T>,
  absentWhen: readonly string[],
  fallback: T,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (absentWhen.includes(awsErrorName(error))) return fallback;
    throw error;
  }
}
