import { defineCheck, GLOBAL } from '../define.js';
import { activeTrails } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'cloudtrail-organization-trail',
    title: 'An organization trail records every member account',
    severity: 'medium',
    whyItMatters:
      'An attacker moves to the account nobody watches: an organization trail records all member accounts, including new ones, in one place the members cannot switch off.',
    remediation:
      'from the management account: aws cloudtrail create-trail --name org --s3-bucket-name <bucket> --is-organization-trail --is-multi-region-trail',
    controls: ['CIS 3.1', 'CloudTrail.1'],
  },
  (snapshot) => {
    const org = snapshot.organization;
    if (!org.ok) return [{ region: GLOBAL, status: 'error', detail: org.error }];
    if (!org.value.member) {
      return [
        { region: GLOBAL, status: 'not_applicable', detail: 'the account is not in an AWS Organization' },
      ];
    }
    const trails = snapshot.trails;
    if (!trails.ok) return [{ region: GLOBAL, status: 'error', detail: trails.error }];
    const orgTrail = activeTrails(trails.value).find((t) => t.organizationTrail);
    if (orgTrail) {
      return [
        {
          region: orgTrail.homeRegion,
          status: 'pass',
          detail: `organization trail ${orgTrail.name} is logging`,
        },
      ];
    }
    return [
      {
        region: GLOBAL,
        status: 'fail',
        detail: `organization ${org.value.id ?? ''} has no logging multi-region organization trail`.replace(
          '  ',
          ' ',
        ),
      },
    ];
  },
);
