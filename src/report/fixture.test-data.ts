import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStore } from '../cases/store.js';
import type { Finding } from '../findings/finding.js';
import { iocsOfRecords } from '../investigate/iocs.js';
import type { CloudTrailRecord } from '../trail/record.js';
import { AUDIT_EVIDENCE, EVENTS_EVIDENCE } from './case-input.js';

/** Attacker-chosen strings, each aimed at one way a report could be subverted. */
export const HOSTILE = {
  script: '<script>window.__pwned=1</script>',
  attribute: '"><img src=x onerror="window.__pwned=2">',
  jsUrl: 'javascript:window.__pwned=3',
  markdown:
    '[click me](javascript:alert(1)) ![pixel](http://evil.example/pixel.png) <https://evil.example/x> **bold**',
  control: '\u001b[31mred\u001b]8;;http://evil.example\u0007link\u202eevil',
  long: `L${'A'.repeat(20_000)}Z`,
};

export const ACCOUNT = '111122223333';
export const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/i-0abc1234def567890`;
export const BACKDOOR = `backdoor${HOSTILE.markdown}${HOSTILE.attribute}`;
export const ATTACKER_IP = '203.0.113.7';

const MIN = 60_000;

function event(
  at: number,
  name: string,
  source: string,
  extra: Partial<CloudTrailRecord> = {},
): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    eventTime: new Date(at).toISOString(),
    eventSource: `${source}.amazonaws.com`,
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: ATTACKER_IP,
    userAgent: `${HOSTILE.script}${HOSTILE.attribute}`,
    userIdentity: {
      type: 'AssumedRole',
      arn: ROLE_SESSION,
      accountId: ACCOUNT,
      accessKeyId: 'ASIAXAMPLEXAMPLEXAMP',
    },
    eventID: `ev-${name}-${at}`,
    recipientAccountId: ACCOUNT,
    ...extra,
  };
}

/** The attack: an instance role's credentials used from outside AWS, then a backdoor user. */
export function attackEvents(base: number): CloudTrailRecord[] {
  return [
    event(base, 'ListBuckets', 's3', { readOnly: true }),
    event(base + 2 * MIN, 'GetObject', 's3', {
      readOnly: true,
      requestParameters: { bucketName: 'acme-data', key: HOSTILE.control },
    }),
    event(base + 3 * MIN, 'GetObject', 's3', {
      readOnly: true,
      requestParameters: { bucketName: 'acme-data', key: HOSTILE.long },
      userAgent: HOSTILE.long,
    }),
    event(base + 5 * MIN, 'CreateUser', 'iam', {
      readOnly: false,
      requestParameters: { userName: BACKDOOR },
    }),
    event(base + 6 * MIN, 'AttachUserPolicy', 'iam', {
      readOnly: false,
      requestParameters: { userName: BACKDOOR, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    }),
    event(base + 7 * MIN, 'CreateTags', 'ec2', {
      readOnly: false,
      requestParameters: {
        resourcesSet: { items: [{ resourceId: 'i-0abc1234def567890' }] },
        tagSet: { items: [{ key: 'Name', value: HOSTILE.jsUrl }] },
      },
    }),
    event(base + 8 * MIN, 'DeleteTrail', 'cloudtrail', {
      readOnly: false,
      errorCode: 'AccessDenied',
      errorMessage: HOSTILE.script,
    }),
  ];
}

function finding(fields: Partial<Finding>): Finding {
  return {
    id: 'f-1',
    rule: {
      id: 'iam-backdoor-user',
      title: 'Backdoor user',
      severity: 'high',
      mitre: ['T1136.003'],
      stratus: [],
      guardduty: [],
    },
    severity: 'high',
    title: `Backdoor IAM user created ${HOSTILE.script}`,
    description: HOSTILE.markdown,
    principal: ROLE_SESSION,
    accounts: [ACCOUNT],
    regions: ['us-east-1'],
    resources: [`arn:aws:iam::${ACCOUNT}:user/${BACKDOOR}`],
    source_ips: [ATTACKER_IP],
    user_agents: [`${HOSTILE.script}${HOSTILE.attribute}`],
    event_names: ['CreateUser'],
    first_seen: '',
    last_seen: '',
    count: 1,
    event_ids: ['ev-1'],
    event_ids_truncated: false,
    playbook: 'iam-user',
    ...fields,
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface FixtureCase {
  store: CaseStore;
  caseId: string;
  base: number;
  events: CloudTrailRecord[];
}

/**
 * A whole case through the real case-store API, in a fresh store under dir: findings from a hunt
 * and from GuardDuty (one late), a verified containment, evidence with custody, the attack's
 * events and a readiness audit as evidence files, indicators and a note, all laced with hostile strings.
 */
export function buildFixtureCase(dir: string): FixtureCase {
  const base = Math.floor((Date.now() - 3 * 3600e3) / MIN) * MIN;
  const store = CaseStore.open(join(dir, 'cases.db'));
  const kase = store.cases.create({
    title: `EC2 role credentials used from outside AWS ${HOSTILE.script}`,
    severity: 'high',
    summary: `Analyst: ${HOSTILE.markdown}`,
    detectedAt: new Date(base + 30 * MIN).toISOString(),
  });
  const events = attackEvents(base);
  const eventsText = JSON.stringify({ Records: events });
  const eventsFile = join(dir, 'events.json');
  writeFileSync(eventsFile, eventsText);
  const t = (m: number) => new Date(base + m * MIN).toISOString();
  store.findings.attach(kase.id, [finding({ id: 'f-hunt', first_seen: t(5), last_seen: t(6) })]);
  store.findings.attach(
    kase.id,
    [
      finding({
        id: 'gd-1',
        rule: {
          id: 'guardduty:UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
          title: 'Exfiltration',
          severity: 'critical',
          mitre: [],
          stratus: [],
          guardduty: [],
        },
        severity: 'critical',
        title: `Instance credentials used outside AWS ${HOSTILE.attribute}`,
        first_seen: t(60),
        last_seen: t(61),
        event_names: ['GetObject'],
        resources: ['arn:aws:s3:::acme-data'],
      }),
    ],
    { source: 'guardduty' },
  );
  const actor = { arn: `arn:aws:iam::${ACCOUNT}:role/responder`, localUser: 'alice' };
  const step = (stepId: string, target: string, before: unknown, output: unknown) =>
    store.journal.record(
      {
        caseId: kase.id,
        runId: 'run-1',
        kind: 'apply',
        playbook: 'ec2',
        stepId,
        target,
        summary: `${stepId} on ${target}`,
        before: before as never,
        actor,
      },
      {
        status: 'verified',
        output: output as never,
        requestIds: ['req-1'],
        verifyOk: true,
        verifyDetail: 'state re-read',
      },
    );
  step(
    'isolate',
    'i-0abc1234def567890',
    { securityGroups: ['sg-web'], tags: { Name: HOSTILE.jsUrl } },
    { securityGroups: ['sg-isolation'] },
  );
  const snap = step('snapshot', 'i-0abc1234def567890', null, { snapshotIds: ['snap-0123456789abcdef0'] });
  const evidence = store.evidence.add({
    caseId: kase.id,
    actionId: snap.id,
    kind: 'ebs-snapshot',
    awsIds: ['snap-0123456789abcdef0', 'vol-0fedcba9876543210'],
    description: `root volume snapshot ${HOSTILE.attribute}`,
    sha256: sha256('snapshot manifest'),
    collectedBy: 'alice',
  });
  store.evidence.recordCustody(evidence.id, 'transferred', 'bob', 'to the forensic account');
  store.evidence.add({
    caseId: kase.id,
    kind: EVENTS_EVIDENCE,
    description: 'CloudTrail events of the attack',
    sha256: sha256(eventsText),
    location: eventsFile,
  });
  const audit = {
    score: 61,
    checks: [
      {
        id: 'cloudwatch-alarm-iam-policy-changes',
        region: 'us-east-1',
        status: 'fail',
        detail: 'filter CIS-IAM has no alarm on its metric',
        remediation: 'garrison prepare apply',
      },
      {
        id: 'cloudwatch-alarm-unauthorized-api-calls',
        region: 'us-east-1',
        status: 'pass',
        detail: 'filter → alarm → topic',
        remediation: '',
      },
      {
        id: 'guardduty-enabled',
        region: 'us-east-1',
        status: 'pass',
        detail: 'detector enabled',
        remediation: '',
      },
      {
        id: 'cloudtrail-s3-data-events',
        region: 'global',
        status: 'fail',
        detail: 'no trail records S3 data events',
        remediation: 'add data event selectors',
      },
    ],
  };
  const auditText = JSON.stringify(audit);
  const auditFile = join(dir, 'audit.json');
  writeFileSync(auditFile, auditText);
  store.evidence.add({
    caseId: kase.id,
    kind: AUDIT_EVIDENCE,
    description: 'readiness audit before the incident',
    sha256: sha256(auditText),
    location: auditFile,
  });
  store.iocs.add(kase.id, iocsOfRecords(events), 'hunt');
  store.cases.addNote(kase.id, `user agent was ${HOSTILE.script}`, 'alice');
  store.cases.setStatus(kase.id, 'contained');
  store.cases.setStatus(kase.id, 'recovered', { at: new Date(Date.now() + 3600e3).toISOString() });
  return { store, caseId: kase.id, base, events };
}
