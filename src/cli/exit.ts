/** The exit statuses every garrison command uses (see EXIT_STATUS_HELP). */
export const ExitCode = {
  ok: 0,
  error: 1,
  partial: 2,
  findings: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Raises the process exit status, never lowering one a previous step set. */
export function raiseExitCode(code: ExitCode): void {
  const current = Number(process.exitCode ?? 0);
  if (code > current) process.exitCode = code;
}
