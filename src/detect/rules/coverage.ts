/**
 * What the pack is measured against: the Stratus Red Team AWS techniques, the CIS / Security Hub
 * CloudWatch metric-filter controls and the GuardDuty finding types fed by CloudTrail management
 * events. An entry with a `reason` cannot be detected from CloudTrail management events alone;
 * every other entry must be claimed by at least one detection's metadata (a test checks both ways).
 */
export interface CoverageItem {
  id: string;
  /** Why no built-in detection covers it; absent when one does. */
  reason?: string;
  /** A stateful detection (src/detect/stateful) that covers it. */
  stateful?: string;
}

export const STRATUS_AWS_TECHNIQUES: readonly CoverageItem[] = [
  { id: 'aws.collection.ec2-console-screenshots' },
  { id: 'aws.credential-access.ec2-get-password-data' },
  {
    id: 'aws.credential-access.ec2-steal-instance-credentials',
    stateful: 'garrison-aws-instance-credentials-used-outside-aws',
  },
  { id: 'aws.credential-access.retrieve-all-ssm-parameters' },
  { id: 'aws.credential-access.secretsmanager-batch-retrieve-secrets' },
  { id: 'aws.credential-access.secretsmanager-retrieve-secrets' },
  { id: 'aws.credential-access.ssm-retrieve-securestring-parameters' },
  { id: 'aws.defense-evasion.bedrock-guardrail-delete' },
  { id: 'aws.defense-evasion.bedrock-model-invocation-logging-delete' },
  { id: 'aws.defense-evasion.cloudtrail-delete' },
  { id: 'aws.defense-evasion.cloudtrail-event-selectors' },
  { id: 'aws.defense-evasion.cloudtrail-lifecycle-rule' },
  { id: 'aws.defense-evasion.cloudtrail-stop' },
  { id: 'aws.defense-evasion.dns-delete-logs' },
  { id: 'aws.defense-evasion.organizations-leave' },
  { id: 'aws.defense-evasion.vpc-remove-flow-logs' },
  { id: 'aws.discovery.bedrock-enumerate-models-multiple-regions' },
  { id: 'aws.discovery.ec2-download-user-data' },
  { id: 'aws.discovery.ec2-enumerate-from-instance' },
  { id: 'aws.discovery.ses-enumerate' },
  { id: 'aws.execution.ec2-launch-unusual-instances' },
  { id: 'aws.execution.ec2-user-data' },
  { id: 'aws.execution.sagemaker-update-lifecycle-config' },
  { id: 'aws.execution.ssm-send-command' },
  { id: 'aws.execution.ssm-start-session' },
  { id: 'aws.exfiltration.ami-make-public' },
  { id: 'aws.exfiltration.ec2-security-group-open-port-22-ingress' },
  { id: 'aws.exfiltration.ec2-share-ami' },
  { id: 'aws.exfiltration.ec2-share-ebs-snapshot' },
  { id: 'aws.exfiltration.rds-share-snapshot' },
  { id: 'aws.exfiltration.s3-backdoor-bucket-policy' },
  { id: 'aws.impact.bedrock-invoke-model' },
  { id: 'aws.impact.ec2-deregister-ami' },
  { id: 'aws.impact.s3-ransomware-batch-deletion' },
  {
    id: 'aws.impact.s3-ransomware-client-side-encryption',
    reason:
      'Only S3 data events (GetObject, PutObject of re-encrypted objects, DeleteObject) show it, and a client-side re-encryption is indistinguishable from an ordinary overwrite in them; the stateful mass-deletion detection catches the deletion step when data events are logged.',
  },
  {
    id: 'aws.impact.s3-ransomware-individual-deletion',
    reason:
      'DeleteObject is an S3 data event, not a management event; when data events are logged, the stateful mass-deletion detection counts object deletions per principal.',
    stateful: 'garrison-aws-mass-deletion',
  },
  { id: 'aws.initial-access.console-login-without-mfa' },
  { id: 'aws.lateral-movement.ec2-instance-connect' },
  { id: 'aws.lateral-movement.ec2-serial-console-send-ssh-public-key' },
  { id: 'aws.lateral-movement.ssm-start-session' },
  { id: 'aws.persistence.cognito-refresh-token-reuse' },
  { id: 'aws.persistence.ec2-create-suspicious-keypair' },
  { id: 'aws.persistence.iam-backdoor-role' },
  { id: 'aws.persistence.iam-backdoor-user' },
  { id: 'aws.persistence.iam-create-admin-user' },
  { id: 'aws.persistence.iam-create-backdoor-role' },
  { id: 'aws.persistence.iam-create-user-login-profile' },
  { id: 'aws.persistence.lambda-backdoor-function' },
  { id: 'aws.persistence.lambda-layer-extension' },
  { id: 'aws.persistence.lambda-overwrite-code' },
  { id: 'aws.persistence.rolesanywhere-create-trust-anchor' },
  { id: 'aws.persistence.sts-federation-token' },
  { id: 'aws.privilege-escalation.iam-update-user-login-profile' },
  { id: 'aws.privilege-escalation.sagemaker-update-lifecycle-config' },
];

export const CIS_CONTROLS: readonly CoverageItem[] = [
  ...Array.from({ length: 14 }, (_, i) => ({ id: `CloudWatch.${i + 1}` })),
  { id: 'CIS 4.15 (Organizations changes)' },
];

const ANOMALY =
  'GuardDuty scores it with a per-account machine-learning baseline of API behaviour that logs alone cannot reproduce; garrison approximates the behaviour with the stateful detection named beside it.';
const THREAT_INTEL =
  'Needs GuardDuty\u2019s threat-intelligence IP lists (or a custom list); garrison imports the GuardDuty finding instead.';

export const GUARDDUTY_TYPES: readonly CoverageItem[] = [
  {
    id: 'CredentialAccess:IAMUser/AnomalousBehavior',
    reason: ANOMALY,
    stateful: 'garrison-aws-first-use-then-sensitive-call',
  },
  {
    id: 'DefenseEvasion:IAMUser/AnomalousBehavior',
    reason: ANOMALY,
    stateful: 'garrison-aws-first-use-then-sensitive-call',
  },
  { id: 'DefenseEvasion:IAMUser/BedrockLoggingDisabled' },
  {
    id: 'Discovery:IAMUser/AnomalousBehavior',
    reason: ANOMALY,
    stateful: 'garrison-aws-access-denied-burst',
  },
  {
    id: 'Exfiltration:IAMUser/AnomalousBehavior',
    reason: ANOMALY,
    stateful: 'garrison-aws-first-use-then-sensitive-call',
  },
  { id: 'Impact:IAMUser/AnomalousBehavior', reason: ANOMALY, stateful: 'garrison-aws-mass-deletion' },
  {
    id: 'InitialAccess:IAMUser/AnomalousBehavior',
    reason: ANOMALY,
    stateful: 'garrison-aws-console-login-new-ip-without-mfa',
  },
  { id: 'PenTest:IAMUser/KaliLinux' },
  { id: 'PenTest:IAMUser/ParrotLinux' },
  { id: 'PenTest:IAMUser/PentooLinux' },
  {
    id: 'Persistence:IAMUser/AnomalousBehavior',
    reason: ANOMALY,
    stateful: 'garrison-aws-first-use-then-sensitive-call',
  },
  { id: 'Policy:IAMUser/RootCredentialUsage' },
  { id: 'Policy:IAMUser/ShortTermRootCredentialUsage' },
  {
    id: 'PrivilegeEscalation:IAMUser/AnomalousBehavior',
    reason: ANOMALY,
    stateful: 'garrison-aws-first-use-then-sensitive-call',
  },
  { id: 'Recon:IAMUser/MaliciousIPCaller', reason: THREAT_INTEL },
  { id: 'Recon:IAMUser/MaliciousIPCaller.Custom', reason: THREAT_INTEL },
  { id: 'Recon:IAMUser/TorIPCaller', reason: THREAT_INTEL },
  { id: 'Stealth:IAMUser/CloudTrailLoggingDisabled' },
  { id: 'Stealth:IAMUser/PasswordPolicyChange' },
  {
    id: 'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B',
    reason: 'GuardDuty uses geolocation of the sign-in IPs, which logs alone do not carry.',
    stateful: 'garrison-aws-console-login-new-ip-without-mfa',
  },
  {
    id: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.InsideAWS',
    stateful: 'garrison-aws-instance-credentials-used-outside-aws',
  },
  {
    id: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    stateful: 'garrison-aws-instance-credentials-used-outside-aws',
  },
  { id: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', reason: THREAT_INTEL },
  { id: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom', reason: THREAT_INTEL },
  { id: 'UnauthorizedAccess:IAMUser/TorIPCaller', reason: THREAT_INTEL },
  { id: 'Policy:S3/AccountBlockPublicAccessDisabled' },
  { id: 'Policy:S3/BucketAnonymousAccessGranted' },
  { id: 'Policy:S3/BucketBlockPublicAccessDisabled' },
  { id: 'Policy:S3/BucketPublicAccessGranted' },
  { id: 'Stealth:S3/ServerAccessLoggingDisabled' },
];
