import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { addDocument, addText, emptyBatch, readFindingFiles } from './documents.js';
import * as fx from './fixtures.test-data.js';

const dir = mkdtempSync(join(tmpdir(), 'garrison-gd-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('GuardDuty documents', () => {
  it('an EventBridge event yields its detail', () => {
    const batch = emptyBatch();
    const finding = fx.ec2Finding();
    addDocument(fx.eventOf(finding), 'event', batch);
    assert.deepEqual(
      batch.findings.map((f) => f.id),
      [finding.id],
    );
    assert.equal(batch.rejected.length, 0);
  });

  it('an EventBridge event of another kind is rejected with its detail-type', () => {
    const batch = emptyBatch();
    addDocument(
      { ...fx.eventOf(fx.ec2Finding()), 'detail-type': 'AWS API Call via CloudTrail' },
      'ev',
      batch,
    );
    assert.equal(batch.findings.length, 0);
    assert.match(batch.rejected[0]?.reason ?? '', /not a GuardDuty finding \(AWS API Call via CloudTrail/);
  });

  it('an array and a GetFindings answer ({"Findings":[...]}, PascalCase) yield every valid finding', () => {
    const batch = emptyBatch();
    addDocument([fx.ec2Finding(), fx.s3PolicyFinding()], 'array', batch);
    addDocument({ Findings: [fx.pascal(fx.kubernetesFinding()), { Id: 'x' }] }, 'sdk', batch);
    assert.equal(batch.findings.length, 3);
    assert.deepEqual(
      batch.rejected.map((r) => [r.where, r.id]),
      [['sdk[1]', 'x']],
    );
  });

  it('JSON lines: valid lines imported, broken lines counted with their line number', () => {
    const batch = emptyBatch();
    const lines = [
      JSON.stringify(fx.ec2Finding()),
      '{not json',
      '',
      JSON.stringify({ id: 'y' }),
      JSON.stringify(fx.runtimeFinding()),
    ];
    addText(lines.join('\n'), 'export.jsonl', batch);
    assert.equal(batch.findings.length, 2);
    assert.deepEqual(
      batch.rejected.map((r) => r.where),
      ['export.jsonl:2', 'export.jsonl:4'],
    );
    assert.match(batch.rejected[0]?.reason ?? '', /^not JSON/);
    assert.match(batch.rejected[1]?.reason ?? '', /^type: .*expected string.*\(and \d+ more\)$/);
  });

  it('reads a gzipped S3 export file, a plain finding file, and reports a corrupt gzip', async () => {
    const gz = join(dir, 'export.jsonl.gz');
    writeFileSync(
      gz,
      gzipSync([fx.iamUserFinding(), fx.s3ExfiltrationFinding()].map((f) => JSON.stringify(f)).join('\n')),
    );
    const plain = join(dir, 'finding.json');
    writeFileSync(plain, JSON.stringify(fx.rootFinding(), null, 2));
    const broken = join(dir, 'broken.gz');
    writeFileSync(broken, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    const batch = await readFindingFiles([gz, plain, broken]);
    assert.deepEqual(
      batch.findings.map((f) => f.type),
      [
        'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom',
        'Exfiltration:S3/AnomalousBehavior',
        'Policy:IAMUser/RootCredentialUsage',
      ],
    );
    assert.deepEqual(
      batch.rejected.map((r) => r.where),
      [broken],
    );
  });

  it('a missing file is an error for the command, not a rejected finding', async () => {
    await assert.rejects(readFindingFiles([join(dir, 'nope.json')]), /cannot read/);
  });
});
