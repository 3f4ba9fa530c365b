import type { Command } from 'commander';

/** Every command registers itself here, one module per command (or command group). */
export function registerCommands(_program: Command): void {}
