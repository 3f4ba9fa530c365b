import { homedir } from 'node:os';
import { join } from 'node:path';

/** The case store used when neither --db nor GARRISON_DB is given: ~/.garrison/garrison.db. */
export function defaultCaseStorePath(): string {
  return join(homedir(), '.garrison', 'garrison.db');
}

/** --db first, then the GARRISON_DB environment variable, then ~/.garrison/garrison.db. */
export function resolveCaseStorePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  if (env.GARRISON_DB) return env.GARRISON_DB;
  return defaultCaseStorePath();
}
