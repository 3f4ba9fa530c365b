import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exampleEvents } from './example-events.js';
import { loadSigmaRules, sigmaFiles } from './load.js';
import { compileSigmaRule, type SigmaRule } from './rule.js';
import { handWrittenEvents } from './sigmahq-events.test-data.js';

// dist/src/detect/sigma -> repo root -> ../shared
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SIGMAHQ_DIR = join(repoRoot, '..', 'shared', 'data', 'sigma-aws-cloudtrail');
const skip = existsSync(SIGMAHQ_DIR) ? undefined : `${SIGMAHQ_DIR} is absent (the shared SigmaHQ rules)`;

describe('the 57 SigmaHQ AWS CloudTrail rules', { skip }, async () => {
  const rules: SigmaRule[] = skip ? [] : await loadSigmaRules([SIGMAHQ_DIR]);

  it('all load', async () => {
    assert.equal((await sigmaFiles(SIGMAHQ_DIR)).length, 57);
    assert.equal(rules.length, 57);
    assert.equal(new Set(rules.map((r) => r.id)).size, 57, 'ids are unique');
  });

  for (const rule of rules) {
    it(`${rule.name} fires on a matching event and not on near misses`, () => {
      const hand = handWrittenEvents[rule.name];
      const positives = [...(hand?.positive ?? [])];
      const negatives = [...(hand?.negative ?? [])];
      if (!hand?.replacesGenerated) {
        const generated = exampleEvents(rule);
        positives.push(generated.positive);
        negatives.push(...generated.nearMisses);
      }
      assert.ok(positives.length > 0 && negatives.length > 0, 'has positive and negative events');
      for (const event of positives)
        assert.equal(rule.matches(event), true, `fires on ${JSON.stringify(event)}`);
      for (const event of negatives)
        assert.equal(rule.matches(event), false, `silent on ${JSON.stringify(event)}`);
    });
  }

  it('recompiles from the same text with the same id', async () => {
    const file = join(SIGMAHQ_DIR, 'aws_cloudtrail_disable_logging.yml');
    const rule = compileSigmaRule(await readFile(file, 'utf8'), file);
    assert.equal(rule.id, '4db60cc0-36fb-42b7-9b58-a5b53019fb74');
    assert.deepEqual([...(rule.eventNames ?? [])], ['StopLogging', 'UpdateTrail', 'DeleteTrail']);
    assert.equal(rule.severity, 'medium');
    assert.deepEqual(rule.mitre, ['T1685.002']);
  });
});
