import { readFile } from 'node:fs/promises';
import { describeError, isGarrisonError } from '../../errors.js';
import { checkRecord } from '../../trail/record.js';
import { sigmaFiles } from '../sigma/load.js';
import { compileSigmaRule } from '../sigma/rule.js';
import type { EngineRule } from './detection.js';

/** How one rule fared on its own labelled events. */
export interface RuleTestResult {
  id: string;
  positives: number;
  negatives: number;
  /** True when the events were built from the rule's own detection (Sigma rules without events). */
  generated: boolean;
  failures: string[];
}

/** Runs a rule over its own events: every positive must fire, no negative may. */
export function testRuleExamples(rule: EngineRule): RuleTestResult | undefined {
  const examples = rule.examples;
  if (!examples) return undefined;
  const failures: string[] = [];
  const run = (events: unknown[], expected: boolean, label: string) =>
    events.forEach((event, i) => {
      const checked = checkRecord(event);
      if (!checked.ok) {
        failures.push(`${label} #${i} is not a CloudTrail record: ${checked.reason}`);
        return;
      }
      let fired: boolean;
      try {
        fired = rule.matches(checked.record);
      } catch (error) {
        failures.push(`${label} #${i} threw: ${describeError(error)}`);
        return;
      }
      if (fired !== expected)
        failures.push(`${label} #${i} (${checked.record.eventName}) ${expected ? 'did not fire' : 'fired'}`);
    });
  run(examples.positive, true, 'positive');
  run(examples.negative, false, 'negative');
  return {
    id: rule.info.id,
    positives: examples.positive.length,
    negatives: examples.negative.length,
    generated: rule.info.origin === 'sigma',
    failures,
  };
}

export interface ValidationReport {
  valid: string[];
  invalid: { file: string; error: string }[];
}

/** Compiles every Sigma file under the folders one by one, so one report lists every broken rule. */
export async function validateSigmaFolders(dirs: readonly string[]): Promise<ValidationReport> {
  const report: ValidationReport = { valid: [], invalid: [] };
  for (const dir of dirs) {
    for (const file of await sigmaFiles(dir)) {
      try {
        compileSigmaRule(await readFile(file, 'utf8'), file);
        report.valid.push(file);
      } catch (error) {
        if (!isGarrisonError(error)) throw error;
        report.invalid.push({ file, error: error.message });
      }
    }
  }
  return report;
}
