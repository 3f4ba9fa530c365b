import { defineCheck, GLOBAL } from '../define.js';
import { activeTrails, names, noActiveTrail } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-multi-region-logging',
    title: 'A multi-region CloudTrail trail is logging',
    severity: 'high',
    whyItMatters:
      'Without a trail that records every region, an attacker working in a region nobody uses leaves no record to investigate, and LookupEvents keeps only 90 days of management events.',
    remediation:
      'aws cloudtrail create-trail --name garrison --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation, then start-logging (or garrison prepare apply)',
    controls: ['CIS 3.1', 'CloudTrail.1'],
  },
  (snapshot) => {
    const trails = snapshot.trails;
    if (!trails.ok) return [{ region: GLOBAL, status: 'error', detail: trails.error }];
    const active = activeTrails(trails.value);
    if (active[0])
      return [
        {
          region: active[0].homeRegion,
          status: 'pass',
          detail: `trail ${names(active)} records every region`,
        },
      ];
    if (trails.value.length === 0)
      return [{ region: GLOBAL, status: 'fail', detail: 'no CloudTrail trail exists' }];
    if (trails.value.some((t) => t.readError)) return [noActiveTrail(trails.value)];
    const problems = trails.value.map(
      (t) =>
        `${t.name}: ${[t.multiRegion ? '' : 'single-region', t.logging ? '' : 'not logging'].filter(Boolean).join(', ')}`,
    );
    return [
      { region: GLOBAL, status: 'fail', detail: `no multi-region trail is logging (${problems.join('; ')})` },
    ];
  },
);
