import type { RuleInfo } from '../detect/engine/detection.js';
import type { Hit } from '../detect/engine/hit.js';

/** Test data shared by the findings tests: a rule's metadata and a hit, with overridable fields. */
export function info(id: string, severity: RuleInfo['severity'] = 'high'): RuleInfo {
  return {
    id,
    title: `title of ${id}`,
    description: `what ${id} means`,
    severity,
    mitre: ['T1562.008'],
    stratus: ['aws.defense-evasion.cloudtrail-stop'],
    guardduty: [],
    cis: [],
    falsePositives: [],
    playbook: 'none',
    tags: [],
    references: [],
    origin: 'pack',
    file: 'x',
    name: id,
    logic: 'sigma',
  };
}

export function hit(fields: Partial<Hit> = {}): Hit {
  return {
    rules: ['stop'],
    time: '2026-03-14T09:00:00Z',
    principal: 'arn:aws:iam::111122223333:user/mallory',
    account: '111122223333',
    region: 'us-east-1',
    resources: ['arn:aws:cloudtrail:us-east-1:111122223333:trail/main'],
    sourceIp: '203.0.113.66',
    userAgent: 'aws-cli/2',
    eventId: 'e-1',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    ...fields,
  };
}
