import type { Command } from 'commander';
import { registerCase } from './case.js';
import { registerContain } from './contain.js';
import { registerDemo } from './demo.js';
import { registerEvents } from './events.js';
import { registerGuardDuty } from './guardduty.js';
import { registerHunt } from './hunt.js';
import { registerIocs } from './iocs.js';
import { registerPivot } from './pivot.js';
import { registerPolicy } from './policy.js';
import { registerPrepare } from './prepare.js';
import { registerRelease } from './release.js';
import { registerReport } from './report.js';
import { registerRespond } from './respond.js';
import { registerRules } from './rules.js';
import { registerTimeline } from './timeline.js';

/** Every command registers itself here, one module per command (or command group). */
export function registerCommands(program: Command): void {
  registerCase(program);
  registerContain(program);
  registerDemo(program);
  registerEvents(program);
  registerGuardDuty(program);
  registerHunt(program);
  registerIocs(program);
  registerPivot(program);
  registerPolicy(program);
  registerPrepare(program);
  registerRelease(program);
  registerReport(program);
  registerRespond(program);
  registerRules(program);
  registerTimeline(program);
}
