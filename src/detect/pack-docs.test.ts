import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadPack } from './pack.js';
import { DOC_PATH, renderDetectionsDoc } from './pack-docs.js';
import {
  CIS_CONTROLS,
  type CoverageItem,
  GUARDDUTY_TYPES,
  STRATUS_AWS_TECHNIQUES,
} from './rules/coverage.js';
import type { DetectionMeta } from './rules/metadata.js';
import { STATEFUL_DETECTIONS } from './stateful/index.js';

const metas: DetectionMeta[] = [...loadPack().map((d) => d.meta), ...STATEFUL_DETECTIONS.map((d) => d.meta)];
const statefulIds = new Set(STATEFUL_DETECTIONS.map((d) => d.meta.id));
const GUARDDUTY_LIST = new URL(
  '../../../../shared/reference/guardduty-cloudtrail-finding-types.txt',
  import.meta.url,
);
const CIS_LIST = new URL('../../../../shared/reference/cis-metric-filters.json', import.meta.url);

function checkCoverage(items: readonly CoverageItem[], claims: (m: DetectionMeta) => string[]) {
  const listed = new Set(items.map((i) => i.id));
  for (const meta of metas)
    for (const id of claims(meta))
      assert.ok(listed.has(id), `${meta.id} claims ${id}, which the coverage list lacks`);
  for (const item of items) {
    const claimed = metas.some((m) => claims(m).includes(item.id));
    if (item.stateful)
      assert.ok(statefulIds.has(item.stateful), `${item.id}: unknown stateful ${item.stateful}`);
    assert.ok(claimed || item.reason, `${item.id} is neither covered by a detection nor explained`);
    if (claimed && item.reason && !item.stateful)
      assert.fail(`${item.id} is covered, yet says why it cannot be`);
  }
}

describe('detection coverage', () => {
  it('accounts for every Stratus Red Team AWS technique', () => {
    assert.ok(STRATUS_AWS_TECHNIQUES.length >= 44);
    checkCoverage(STRATUS_AWS_TECHNIQUES, (m) => m.stratus);
  });

  it('has one detection for each of the 15 CIS metric-filter patterns', () => {
    assert.equal(CIS_CONTROLS.length, 15);
    checkCoverage(CIS_CONTROLS, (m) => m.cis);
    for (const control of CIS_CONTROLS)
      assert.equal(metas.filter((m) => m.cis.includes(control.id)).length, 1, control.id);
  });

  it('accounts for every GuardDuty CloudTrail finding type', () => {
    checkCoverage(GUARDDUTY_TYPES, (m) => m.guardduty);
  });

  it('matches the shared reference lists when they are present', (t) => {
    if (!existsSync(GUARDDUTY_LIST) || !existsSync(CIS_LIST)) return t.skip('../shared/reference is absent');
    const types = readFileSync(GUARDDUTY_LIST, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.split('\t')[0]);
    assert.deepEqual(GUARDDUTY_TYPES.map((i) => i.id).sort(), types.sort());
    const controls = (JSON.parse(readFileSync(CIS_LIST, 'utf8')) as { control: string }[]).filter((c) =>
      c.control.startsWith('CloudWatch.'),
    );
    assert.equal(controls.length, 14);
    for (const c of controls)
      assert.ok(
        CIS_CONTROLS.some((i) => i.id === c.control),
        c.control,
      );
  });

  it('docs/detections.md is generated from the current metadata', (t) => {
    if (!existsSync(DOC_PATH)) return t.skip('docs/ is not in this tree');
    const expected = renderDetectionsDoc();
    assert.equal(readFileSync(DOC_PATH, 'utf8'), expected, 'stale: run node dist/src/detect/pack-docs.js');
    for (const meta of metas) assert.ok(expected.includes(`### ${meta.id}`), meta.id);
  });
});
