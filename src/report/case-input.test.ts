import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { EvidenceItem } from '../cases/types.js';
import { readEventEvidence, readRecordedAudit } from './case-input.js';
import type { EvidenceWithCustody } from './model.js';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const record = (minute: number, name = 'GetObject') => ({
  eventTime: `2026-11-20T08:${String(minute).padStart(2, '0')}:00Z`,
  eventSource: 's3.amazonaws.com',
  eventName: name,
});

let nextId = 1;
function item(fields: Partial<EvidenceItem>): EvidenceWithCustody {
  return {
    id: nextId++,
    caseId: 'c',
    actionId: null,
    kind: 'cloudtrail-events',
    awsIds: [],
    description: '',
    sha256: null,
    location: null,
    collectedBy: 'alice',
    collectedAt: '2026-11-20T10:00:00.000Z',
    custody: [],
    ...fields,
  };
}

describe('reading the evidence files a report needs', () => {
  let dir: string;
  const file = (name: string, data: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'garrison-report-input-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads {"Records"}, arrays, JSON lines and gzip, sorted by time, checking each hash', () => {
    const doc = JSON.stringify({ Records: [record(5), record(1)] });
    const lines = `${JSON.stringify(record(3))}\n${JSON.stringify(record(2))}\n`;
    const gz = gzipSync(JSON.stringify([record(4)]));
    const { events, sources } = readEventEvidence([
      item({ location: file('a.json', doc), sha256: sha(doc) }),
      item({ location: file('b.jsonl', lines) }),
      item({ location: file('c.json.gz', gz), sha256: sha(gz) }),
      item({ kind: 'ebs-snapshot', location: file('d.json', doc) }),
    ]);
    assert.deepEqual(
      events.map((e) => e.eventTime.slice(14, 16)),
      ['01', '02', '03', '04', '05'],
    );
    assert.deepEqual(
      sources.map((s) => [s.events, s.hashMatches]),
      [
        [2, true],
        [2, null],
        [1, true],
      ],
    );
  });

  it('says when the bytes no longer match the stored SHA-256, or cannot be read, or are not CloudTrail', () => {
    const doc = JSON.stringify({ Records: [record(1)] });
    const mixed = JSON.stringify({
      Records: [record(2), { eventTime: 'yesterday', eventSource: 'x', eventName: 'y' }, 'junk'],
    });
    const { events, sources } = readEventEvidence([
      item({ location: file('tampered.json', doc), sha256: sha('something else') }),
      item({ location: join(dir, 'missing.json') }),
      item({ location: 's3://forensics/events.json' }),
      item({ location: null }),
      item({ location: file('broken.json', '{"Records": [') }),
      item({ location: file('mixed.json', mixed) }),
    ]);
    assert.equal(sources[0]?.hashMatches, false, 'tampered bytes are flagged (and still shown)');
    assert.match(sources[1]?.problem ?? '', /ENOENT/);
    assert.match(sources[2]?.problem ?? '', /not a local file: s3:\/\//);
    assert.match(sources[3]?.problem ?? '', /no location/);
    assert.match(sources[4]?.problem ?? '', /not CloudTrail JSON/);
    assert.equal(sources[5]?.events, 1);
    assert.match(sources[5]?.problem ?? '', /2 record\(s\) rejected/);
    assert.equal(events.length, 2);
  });

  it('takes the newest readable audit, skipping one whose hash fails and one that is not an audit', () => {
    const good = JSON.stringify({
      score: 70,
      checks: [
        { id: 'guardduty-enabled', region: 'us-east-1', status: 'fail', detail: 'off' },
        { nonsense: true },
      ],
    });
    const audit = readRecordedAudit([
      item({
        kind: 'readiness-audit',
        location: file('old.json', good),
        collectedAt: '2026-11-01T00:00:00.000Z',
      }),
      item({ kind: 'readiness-audit', location: file('tampered-audit.json', good), sha256: sha('other') }),
      item({ kind: 'readiness-audit', location: file('not-audit.json', '{"hello": 1}') }),
    ]);
    assert.ok(audit);
    assert.equal(audit.at, '2026-11-01T00:00:00.000Z');
    assert.equal(audit.score, 70);
    assert.deepEqual(
      audit.checks.map((c) => [c.id, c.status, c.remediation]),
      [['guardduty-enabled', 'fail', '']],
    );
    assert.equal(readRecordedAudit([]), null);
  });
});
