import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-rolesanywhere-trust-anchor-created must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'rolesanywhere.amazonaws.com',
    eventName: 'CreateTrustAnchor',
    requestParameters: {
      name: 'backup',
      enabled: true,
      source: {
        sourceType: 'CERTIFICATE_BUNDLE',
        sourceData: { x509CertificateData: '-----BEGIN CERTIFICATE-----' },
      },
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({ eventSource: 'rolesanywhere.amazonaws.com', eventName: 'ListTrustAnchors' }),
];
