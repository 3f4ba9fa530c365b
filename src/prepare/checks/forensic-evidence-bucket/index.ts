import { EVIDENCE_BUCKET_NAME } from '../../state/responders.js';
import { defineCheck, GLOBAL } from '../define.js';

export default defineCheck(
  {
    id: 'forensic-evidence-bucket',
    title: 'A forensic evidence bucket exists with versioning and Object Lock',
    severity: 'medium',
    whyItMatters:
      'Evidence collected during an incident (memory, disk images, logs) must be kept unchanged and provably so; Object Lock stops even a compromised admin from deleting it.',
    remediation:
      'aws s3api create-bucket --bucket <account>-forensics --object-lock-enabled-for-bucket, then put-object-lock-configuration with a default retention (or name one with --evidence-bucket)',
    controls: ['NIST SP 800-61 evidence handling', 'S3.15'],
  },
  (snapshot) => {
    const buckets = snapshot.evidenceBuckets;
    if (!buckets.ok) return [{ region: GLOBAL, status: 'error', detail: buckets.error }];
    const good = buckets.value.find((b) => b.versioning && b.objectLock);
    if (good) {
      const retention = good.retention ? `, default retention ${good.retention}` : ', no default retention';
      return [
        {
          region: GLOBAL,
          status: 'pass',
          detail: `bucket ${good.name} has versioning and Object Lock${retention}`,
        },
      ];
    }
    if (buckets.value.length === 0) {
      const which = snapshot.scope.evidenceBucket
        ? `bucket ${snapshot.scope.evidenceBucket} does not exist`
        : `no bucket named like ${EVIDENCE_BUCKET_NAME.source} (give one with --evidence-bucket)`;
      return [{ region: GLOBAL, status: 'fail', detail: which }];
    }
    const why = buckets.value.map(
      (b) =>
        `${b.name}: ${[b.versioning ? '' : 'versioning off', b.objectLock ? '' : 'no Object Lock'].filter(Boolean).join(', ')}`,
    );
    return [{ region: GLOBAL, status: 'fail', detail: why.join('; ') }];
  },
);
