import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { isGarrisonError } from '../errors.js';
import { type CloudTrailRecord, checkRecord } from '../trail/record.js';
import { BytePeek } from '../trail/scan/peek.js';
import { loadPack, PACK_SOURCES } from './pack.js';
import { loadPackDetection, type PackDetection, sigmaRuleText } from './rules/define.js';
import { compileSigmaRule } from './sigma/rule.js';

/** The rule folders as written in the source tree (tests run from dist/, which mirrors it). */
function ruleFolders(): string[] {
  const source = fileURLToPath(new URL('../../../src/detect/rules/', import.meta.url));
  const dir = existsSync(source) ? source : fileURLToPath(new URL('./rules/', import.meta.url));
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function matcherOf(detection: PackDetection): (record: CloudTrailRecord) => boolean {
  if (detection.predicate) return detection.predicate;
  const text = sigmaRuleText(detection.meta);
  assert.ok(text, `${detection.meta.id} has neither Sigma logic nor a predicate`);
  return compileSigmaRule(text, detection.file).matches;
}

describe('the built-in detection pack', () => {
  const pack = loadPack();

  it('registers every rule folder exactly once, with unique ids', () => {
    const registered = PACK_SOURCES.map((s) => s.folder).sort();
    assert.deepEqual(registered, ruleFolders());
    assert.equal(new Set(pack.map((d) => d.meta.id)).size, PACK_SOURCES.length);
    assert.ok(pack.length >= 60, `only ${pack.length} detections`);
  });

  for (const detection of pack) {
    describe(detection.meta.id, () => {
      const matches = matcherOf(detection);
      it('fires on each of its positive events, which are valid CloudTrail records', () => {
        detection.positive.forEach((record, i) => {
          assert.ok(checkRecord(record).ok, `positive #${i}: ${JSON.stringify(checkRecord(record))}`);
          assert.equal(matches(record), true, `positive #${i} (${record.eventName}) did not fire`);
        });
      });
      it('stays silent on each of its negative events', () => {
        detection.negative.forEach((record, i) => {
          assert.ok(checkRecord(record).ok, `negative #${i} is not a valid record`);
          assert.equal(matches(record), false, `negative #${i} (${record.eventName}) fired`);
        });
      });
      if (!detection.predicate) {
        it('is not skipped by the scanner fast path on its positive events', () => {
          const rule = compileSigmaRule(sigmaRuleText(detection.meta) as string, detection.file);
          for (const record of detection.positive) {
            if (rule.eventNames) assert.ok(rule.eventNames.has(record.eventName), record.eventName);
            const peek = new BytePeek(Buffer.from(JSON.stringify(record)));
            assert.notEqual(rule.rawTest?.(peek), false, `raw test rejects ${record.eventName}`);
          }
        });
      }
      if (detection.meta.eventNames) {
        it('declares the eventNames of its positive events', () => {
          for (const record of detection.positive)
            assert.ok(detection.meta.eventNames?.includes(record.eventName), record.eventName);
        });
      }
    });
  }

  it('survives hostile and malformed records without throwing or firing on junk', () => {
    const hostile: CloudTrailRecord[] = [
      {
        eventTime: '2026-03-14T09:00:00Z',
        eventSource: 's3.amazonaws.com',
        eventName: 'PutBucketPolicy',
        userAgent: '\u001b[31mkali\u0007'.repeat(1000),
        requestParameters: {
          bucketPolicy: '{"Statement":' + '['.repeat(5000),
          ['__proto__']: { polluted: 1 },
        },
      },
      {
        eventTime: '2026-03-14T09:00:00Z',
        eventSource: 'iam.amazonaws.com',
        eventName: 'CreateRole',
        requestParameters: { assumeRolePolicyDocument: 42 },
      },
      {
        eventTime: '2026-03-14T09:00:00Z',
        eventSource: 'ec2.amazonaws.com',
        eventName: 'AuthorizeSecurityGroupIngress',
        requestParameters: { ipPermissions: { items: [null, 7, { ipRanges: { items: 'x' } }] } },
      },
      {
        eventTime: '2026-03-14T09:00:00Z',
        eventSource: 's3.amazonaws.com',
        eventName: 'PutBucketLifecycle',
        requestParameters: {
          LifecycleConfiguration: { Rule: [null, { Status: 'Enabled', Expiration: null }] },
        },
      },
      {
        eventTime: '2026-03-14T09:00:00Z',
        eventSource: 'cloudtrail.amazonaws.com',
        eventName: 'PutEventSelectors',
        requestParameters: { eventSelectors: [null] },
      },
    ] as unknown as CloudTrailRecord[];
    for (const detection of pack) {
      const matches = matcherOf(detection);
      for (const record of hostile) {
        assert.doesNotThrow(() => matches(record), `${detection.meta.id} threw on ${record.eventName}`);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('loading a broken detection', () => {
  const good = PACK_SOURCES.find((s) => s.folder === 'garrison-aws-cloudtrail-stopped');
  assert.ok(good);
  const expectError = (change: Partial<typeof good>, pattern: RegExp) =>
    assert.throws(
      () => loadPackDetection({ ...good, ...change }),
      (error: unknown) => isGarrisonError(error) && pattern.test(error.message),
    );

  it('names the file and the field of bad metadata', () => {
    expectError(
      { yaml: good.yaml.replace('severity: high', 'severity: urgent') },
      /src\/detect\/rules\/garrison-aws-cloudtrail-stopped\/rule\.ts: field severity/,
    );
    expectError({ yaml: good.yaml.replace(/mitre:\n/, 'mitre:\n  - T15\n') }, /field mitre\.0/);
    expectError({ yaml: `${good.yaml}\nunknownKey: 1\n` }, /unknownKey/);
    expectError({ yaml: 'id: [unclosed' }, /invalid YAML|field/);
  });

  it('refuses a folder whose id differs, missing events, or logic given twice or not at all', () => {
    expectError({ folder: 'garrison-aws-something-else' }, /does not match its folder/);
    expectError({ positive: [] }, /positive event/);
    expectError({ negative: [] }, /negative event/);
    expectError({ predicate: () => true }, /not both/);
    expectError({ yaml: good.yaml.replace(/detection:[\s\S]*$/, '') }, /field detection: missing/);
  });

  it('refuses two detections with one id', () => {
    const parsed = loadPackDetection(good);
    assert.equal(parsed.meta.id, 'garrison-aws-cloudtrail-stopped');
    assert.match(stringify(parsed.meta.detection), /StopLogging/);
  });
});
