import { userInfo } from 'node:os';

/** The local account name of whoever runs garrison (USER when the OS cannot say). */
export function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** The current time as the store writes it: ISO 8601, UTC, milliseconds. */
export function now(): string {
  return new Date().toISOString();
}
