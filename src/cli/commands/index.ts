import type { Command } from 'commander';
import { registerEvents } from './events.js';
import { registerHunt } from './hunt.js';
import { registerPrepare } from './prepare.js';

/** Every command registers itself here, one module per command (or command group). */
export function registerCommands(program: Command): void {
  registerEvents(program);
  registerHunt(program);
  registerPrepare(program);
}
