/**
 * One error type for everything garrison refuses to do. Expected problems with input
 * (a bad record, a malformed finding) are results that get counted, not exceptions;
 * a GarrisonError is for what stops a command.
 */
export type ErrorCode =
  | 'usage'
  | 'input'
  | 'aws'
  | 'aws-unsupported'
  | 'not-found'
  | 'conflict'
  | 'verify-failed'
  | 'internal';

export class GarrisonError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it, printed under the message. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GarrisonError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isGarrisonError(error: unknown): error is GarrisonError {
  return error instanceof GarrisonError;
}

/** A short, single-line description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
