/**
 * The story's second half: a backdoor administrator, CloudTrail and GuardDuty blinded, the data
 * bucket opened to the world, and the attacker's return through the backdoor.
 */
import { bucketRequest, bucketResources, type Cast } from './attack-intrusion.js';
import { tlsFor } from './event.js';
import { iamDate, iamUser } from './identities.js';
import type { StoryRecorder } from './story-recorder.js';

const MINUTE = 60_000;

/** Persistence: create a user, give it a key, AdministratorAccess and a console password. */
export function persistence(story: StoryRecorder, cast: Cast): void {
  const { role, backdoor } = cast;
  const created = story.scene.t0 + 15 * MINUTE;
  const userArn = `arn:aws:iam::${cast.account}:user/${backdoor.name}`;
  story.iam(
    15 * MINUTE,
    role,
    'CreateUser',
    'persistence',
    { userName: backdoor.name },
    {
      response: {
        user: {
          path: '/',
          userName: backdoor.name,
          userId: backdoor.id,
          arn: userArn,
          createDate: iamDate(created),
        },
      },
    },
  );
  story.iam(
    15 * MINUTE + 9_000,
    role,
    'CreateAccessKey',
    'persistence',
    { userName: backdoor.name },
    {
      response: {
        accessKey: {
          userName: backdoor.name,
          accessKeyId: backdoor.key,
          status: 'Active',
          createDate: iamDate(created + 9_000),
        },
      },
    },
  );
  story.iam(15 * MINUTE + 17_000, role, 'AttachUserPolicy', 'persistence', {
    userName: backdoor.name,
    policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  });
  story.iam(
    15 * MINUTE + 26_000,
    role,
    'CreateLoginProfile',
    'persistence',
    { userName: backdoor.name, passwordResetRequired: false },
    {
      response: {
        loginProfile: {
          userName: backdoor.name,
          createDate: iamDate(created + 26_000),
          passwordResetRequired: false,
        },
      },
    },
  );
}

/** Defence evasion with the backdoor key: stop the trail, delete the detector, open the bucket. */
export function evasion(story: StoryRecorder, cast: Cast): void {
  const who = cast.backdoor.identity;
  story.add({
    at: 19 * MINUTE,
    who,
    source: 'sts.amazonaws.com',
    name: 'GetCallerIdentity',
    phase: 'defense-evasion',
    readOnly: true,
  });
  story.add({
    at: 20 * MINUTE,
    who,
    source: 'cloudtrail.amazonaws.com',
    name: 'StopLogging',
    phase: 'defense-evasion',
    request: { name: cast.trailArn },
    readOnly: false,
    resources: [{ accountId: cast.account, type: 'AWS::CloudTrail::Trail', ARN: cast.trailArn }],
  });
  story.add({
    at: 20 * MINUTE + 40_000,
    who,
    source: 'guardduty.amazonaws.com',
    name: 'DeleteDetector',
    phase: 'defense-evasion',
    request: { detectorId: cast.detectorId },
    readOnly: false,
  });
  story.add({
    at: 22 * MINUTE,
    who,
    source: 's3.amazonaws.com',
    name: 'DeleteBucketPublicAccessBlock',
    phase: 'defense-evasion',
    request: bucketRequest(cast, { publicAccessBlock: '' }),
    resources: bucketResources(cast),
    readOnly: false,
  });
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${cast.bucket}/*`,
      },
    ],
  };
  story.add({
    at: 22 * MINUTE + 30_000,
    who,
    source: 's3.amazonaws.com',
    name: 'PutBucketPolicy',
    phase: 'defense-evasion',
    request: bucketRequest(cast, { bucketPolicy: policy, policy: '' }),
    resources: bucketResources(cast),
    readOnly: false,
  });
}

/** Later: the attacker signs in as the backdoor user without MFA, then uses its key. */
export function comeback(story: StoryRecorder, cast: Cast): void {
  const { backdoor } = cast;
  story.add({
    at: 95 * MINUTE,
    who: iamUser({ account: cast.account, userName: backdoor.name, userId: backdoor.id }),
    source: 'signin.amazonaws.com',
    name: 'ConsoleLogin',
    phase: 'initial-access',
    response: { ConsoleLogin: 'Success' },
    readOnly: false,
    agent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    global: true,
    extra: {
      eventType: 'AwsConsoleSignIn',
      additional: {
        LoginTo: 'https://console.aws.amazon.com/console/home',
        MobileVersion: 'No',
        MFAUsed: 'No',
      },
      tls: tlsFor(story.prng, 'signin.aws.amazon.com'),
    },
  });
  story.iam(140 * MINUTE, backdoor.identity, 'ListUsers', 'discovery', null);
  story.add({
    at: 141 * MINUTE,
    who: backdoor.identity,
    source: 'ec2.amazonaws.com',
    name: 'DescribeInstances',
    phase: 'discovery',
    request: { instancesSet: {}, filterSet: {} },
    readOnly: true,
  });
}
