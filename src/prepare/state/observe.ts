/**
 * One observation of account state: the value, or why garrison could not see it. A check over a
 * failed observation reports `error` with this reason instead of guessing pass or fail.
 */
export type Observed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `Name: message` of an AWS SDK error, with unimplemented-API answers (HTML instead of XML/JSON) named as such. */
export function describeAwsFailure(error: unknown, operation: string): string {
  const e = error as
    | {
        name?: string;
        message?: string;
        $metadata?: { httpStatusCode?: number };
        $response?: { body?: unknown };
      }
    | undefined;
  const name = e?.name ?? 'Error';
  const message = e?.message ?? String(error);
  const status = e?.$metadata?.httpStatusCode;
  const body =
    typeof e?.$response?.body === 'string' ? e.$response.body.trimStart().slice(0, 20).toLowerCase() : '';
  if (
    /Deserialization error|XML parse error|is not valid JSON/i.test(message) ||
    /^<(!doctype|html)/.test(body)
  ) {
    const http = status ? `, HTTP ${status}` : '';
    return `${operation}: not supported by this endpoint (the answer was an HTML page, not an AWS response${http})`;
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
