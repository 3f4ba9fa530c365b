import { RESPONDER_ROLE_NAME } from '../../state/responders.js';
import { defineCheck, GLOBAL } from '../define.js';

export default defineCheck(
  {
    id: 'responder-role',
    title: 'An incident responder role exists',
    severity: 'medium',
    whyItMatters:
      'Responders need a role they can assume at 3 a.m. with the rights to investigate and contain, prepared and reviewed beforehand rather than granted in a hurry during the incident.',
    remediation:
      'aws iam create-role --role-name incident-responder --assume-role-policy-document <trust for the responders> and attach SecurityAudit plus a containment policy (or name one with --responder-role)',
    controls: ['CIS 1.17', 'IAM.18'],
  },
  (snapshot) => {
    const roles = snapshot.responderRoles;
    if (!roles.ok) return [{ region: GLOBAL, status: 'error', detail: roles.error }];
    if (roles.value.length > 0)
      return [{ region: GLOBAL, status: 'pass', detail: `responder role ${roles.value.join(', ')}` }];
    const which = snapshot.scope.responderRole
      ? `role ${snapshot.scope.responderRole} does not exist`
      : `no role named like ${RESPONDER_ROLE_NAME.source} (give one with --responder-role)`;
    return [{ region: GLOBAL, status: 'fail', detail: which }];
  },
);
