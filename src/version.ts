import { readFileSync } from 'node:fs';

function readVersion(): string {
  // dist/src/version.js -> ../../package.json; src/version.ts is never run directly.
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export const VERSION = readVersion();
export const USER_AGENT_APP_ID = `garrison/${VERSION}`;
