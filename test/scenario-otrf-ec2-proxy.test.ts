import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadPack } from '../src/detect/pack.js';
import { sigmaRuleText } from '../src/detect/rules/define.js';
import { compileSigmaRule } from '../src/detect/sigma/rule.js';
import { StatefulRun } from '../src/detect/stateful/index.js';
import { type CloudTrailRecord, checkRecord } from '../src/trail/record.js';

/**
 * The OTRF "EC2 proxy S3 exfiltration" dataset: an instance role's credentials taken through a
 * proxy on the instance and used from a laptop to list and copy S3 data. The built-in pack and
 * the stateful detections run over it in-process; this pins down what fires and what does not.
 */
const SCENARIO = new URL(
  '../../../shared/data/scenarios/otrf-ec2-proxy-s3-exfiltration.ndjson',
  import.meta.url,
);
const STOLEN_SESSION = 'assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40';

function scenarioRecords(): CloudTrailRecord[] {
  const records: CloudTrailRecord[] = [];
  for (const line of readFileSync(SCENARIO, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const raw = JSON.parse(line) as Record<string, unknown>;
    // Exported through Logstash: the time is in @timestamp, eventTime was dropped.
    raw.eventTime ??= raw['@timestamp'];
    const checked = checkRecord(raw);
    assert.ok(checked.ok, JSON.stringify(checked));
    records.push(checked.record);
  }
  return records.sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}

describe('the OTRF EC2-proxy S3 exfiltration scenario', {
  skip: existsSync(SCENARIO) ? false : '../shared is absent',
}, () => {
  it('fires the instance-credential and instance-discovery detections on the stolen session only', () => {
    const records = scenarioRecords();
    assert.equal(records.length, 103);
    const fired = new Map<string, CloudTrailRecord[]>();
    for (const detection of loadPack()) {
      const text = sigmaRuleText(detection.meta);
      const matches = detection.predicate ?? compileSigmaRule(text as string, detection.file).matches;
      const hits = records.filter((r) => matches(r));
      if (hits.length) fired.set(detection.meta.id, hits);
    }
    assert.deepEqual([...fired.keys()], ['garrison-aws-discovery-from-instance-role']);
    assert.deepEqual(
      fired.get('garrison-aws-discovery-from-instance-role')?.map((r) => r.eventName),
      ['ListBuckets', 'ListBuckets'],
    );

    const run = new StatefulRun();
    const hits = [...records.flatMap((r) => run.observe(r)), ...run.flush()];
    const stolen = records.filter((r) => r.userIdentity?.arn?.endsWith(STOLEN_SESSION));
    assert.equal(stolen.length, 11);
    assert.deepEqual(
      new Set(hits.map((h) => h.rules[0])),
      new Set(['garrison-aws-instance-credentials-used-outside-aws']),
    );
    assert.deepEqual(hits.map((h) => h.eventId).sort(), stolen.map((r) => r.eventID).sort());
    assert.match(
      hits[0]?.summary ?? '',
      /i-0317f6c6b66ae9c40 used from 1\.2\.3\.4 by a darwin client, not an instance/,
    );
  });
});
