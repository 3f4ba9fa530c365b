import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../aws/clients.js';
import { readBucketExposure } from './bucket.js';
import { matchesGuardDutyFindings } from './guardduty.js';
import { parseLogGroupArn } from './log-monitoring.js';
import { describeAwsFailure, observe } from './observe.js';
import { advancedSelectorScope, classicSelectorScope, readTrails } from './trails.js';

describe('trail event selectors', () => {
  it('reads classic selectors: read/write halves and data events for all objects and functions', () => {
    assert.deepEqual(classicSelectorScope([{ ReadWriteType: 'All', IncludeManagementEvents: true }]), {
      managementEvents: 'All',
      s3DataEvents: false,
      lambdaDataEvents: false,
    });
    const split = classicSelectorScope([
      { ReadWriteType: 'ReadOnly', IncludeManagementEvents: true },
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true },
    ]);
    assert.equal(split.managementEvents, 'All');
    assert.equal(classicSelectorScope([{ ReadWriteType: 'WriteOnly' }]).managementEvents, 'WriteOnly');
    assert.equal(classicSelectorScope([{ IncludeManagementEvents: false }]).managementEvents, 'None');
    const data = classicSelectorScope([
      {
        ReadWriteType: 'All',
        DataResources: [
          { Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] },
          { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] },
        ],
      },
    ]);
    assert.equal(data.s3DataEvents && data.lambdaDataEvents, true);
    const oneBucket = classicSelectorScope([
      {
        ReadWriteType: 'All',
        DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::payroll/'] }],
      },
    ]);
    assert.equal(oneBucket.s3DataEvents, false, 'one bucket is not all of S3');
    const writesOnly = classicSelectorScope([
      { ReadWriteType: 'WriteOnly', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] },
    ]);
    assert.equal(writesOnly.s3DataEvents, false, 'exfiltration is a read');
  });

  it('reads advanced selectors, where a readOnly field narrows to one half', () => {
    const scope = advancedSelectorScope([
      { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        ],
      },
    ]);
    assert.deepEqual(scope, { managementEvents: 'All', s3DataEvents: true, lambdaDataEvents: false });
    const narrowed = advancedSelectorScope([
      {
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Management'] },
          { Field: 'readOnly', Equals: ['false'] },
        ],
      },
      {
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
          { Field: 'resources.ARN', StartsWith: ['arn:aws:lambda:us-east-1:111122223333:function:one'] },
        ],
      },
    ]);
    assert.deepEqual(narrowed, {
      managementEvents: 'WriteOnly',
      s3DataEvents: false,
      lambdaDataEvents: false,
    });
  });
});

describe('GuardDuty finding rules', () => {
  it('recognises rules that match GuardDuty findings, and survives hostile patterns', () => {
    assert.equal(matchesGuardDutyFindings('{"source":["aws.guardduty"]}'), true);
    assert.equal(
      matchesGuardDutyFindings('{"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"]}'),
      true,
    );
    assert.equal(matchesGuardDutyFindings('{"source":[{"prefix":"aws."}]}'), true);
    assert.equal(
      matchesGuardDutyFindings('{"source":["aws.guardduty"],"detail-type":["AWS API Call via CloudTrail"]}'),
      false,
    );
    assert.equal(matchesGuardDutyFindings('{"source":["aws.ec2"]}'), false);
    assert.equal(matchesGuardDutyFindings('{"source":"aws.guardduty"}'), false);
    assert.equal(matchesGuardDutyFindings('not json {'), false);
    assert.equal(matchesGuardDutyFindings('null'), false);
    assert.equal(matchesGuardDutyFindings(undefined), false);
  });
});

describe('AWS failures as observations', () => {
  it('names unimplemented calls, denials and other errors clearly', async () => {
    const html = Object.assign(
      new Error('Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: ...'),
      {
        name: 'SyntaxError',
        $metadata: { httpStatusCode: 404 },
      },
    );
    assert.equal(
      describeAwsFailure(html, 'guardduty:ListDetectors'),
      'guardduty:ListDetectors: not supported by this endpoint (the answer was an HTML page, not an AWS response, HTTP 404)',
    );
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
    assert.match(describeAwsFailure(denied, 'iam:ListRoles'), /access denied \(AccessDeniedException\)/);
    assert.equal(describeAwsFailure(new Error('socket hang up'), 'op'), 'op: socket hang up');
    const observed = await observe('s3:ListBuckets', async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    assert.deepEqual(observed, { ok: false, error: 's3:ListBuckets: ThrottlingException: Rate exceeded' });
  });

  it('parses log group ARNs and refuses anything else', () => {
    assert.deepEqual(
      parseLogGroupArn('arn:aws:logs:eu-west-1:111122223333:log-group:aws/cloudtrail/main:*'),
      {
        region: 'eu-west-1',
        logGroupName: 'aws/cloudtrail/main',
      },
    );
    assert.throws(() => parseLogGroupArn('arn:aws:s3:::bucket'), /not a CloudWatch Logs log group ARN/);
  });
});

describe('trail bucket exposure', () => {
  const s3 = mockClient(S3Client);
  const clients = new AwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' });
  const missing = (name: string) =>
    new S3ServiceException({ name, $fault: 'client', $metadata: {}, message: name });
  afterEach(() => s3.reset());

  it('fully blocked: not public, without reading policy or ACL', async () => {
    s3.on(GetBucketLocationCommand).resolves({});
    s3.on(GetPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    assert.deepEqual(await readBucketExposure(clients, 'trail'), []);
    assert.equal(s3.commandCalls(GetBucketAclCommand).length, 0);
  });

  it('a public policy and an ACL open to everyone are named; no block at all is a reason too', async () => {
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-west-1' });
    s3.on(GetPublicAccessBlockCommand).rejects(missing('NoSuchPublicAccessBlockConfiguration'));
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    s3.on(GetBucketAclCommand).resolves({
      Grants: [
        {
          Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
          Permission: 'READ',
        },
      ],
    });
    assert.deepEqual(await readBucketExposure(clients, 'trail'), [
      'its bucket policy is public',
      'its ACL grants READ to everyone',
    ]);
    s3.on(GetBucketPolicyStatusCommand).rejects(missing('NoSuchBucketPolicy'));
    s3.on(GetBucketAclCommand).resolves({ Grants: [] });
    assert.deepEqual(await readBucketExposure(clients, 'trail'), [
      'no public access block: nothing stops a public policy or ACL later',
    ]);
  });

  it('an unexpected S3 failure propagates, to become an error observation', async () => {
    s3.on(GetBucketLocationCommand).resolves({});
    s3.on(GetPublicAccessBlockCommand).rejects(missing('AccessDenied'));
    await assert.rejects(readBucketExposure(clients, 'trail'), /AccessDenied/);
  });
});

describe('reading trails', () => {
  const cloudtrail = mockClient(CloudTrailClient);
  afterEach(() => cloudtrail.reset());

  it('keeps reading when one trail cannot be read, and marks that trail', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: 'org',
          TrailARN: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org',
          HomeRegion: 'us-east-1',
          IsMultiRegionTrail: true,
          IsOrganizationTrail: true,
        },
        {
          Name: 'local',
          TrailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/local',
          HomeRegion: 'eu-west-1',
          IsMultiRegionTrail: true,
          LogFileValidationEnabled: true,
        },
      ],
    });
    cloudtrail
      .on(GetTrailStatusCommand, { Name: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org' })
      .rejects(Object.assign(new Error('not yours'), { name: 'AccessDeniedException' }));
    cloudtrail
      .on(GetTrailStatusCommand, { Name: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/local' })
      .resolves({ IsLogging: true });
    cloudtrail
      .on(GetEventSelectorsCommand)
      .resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const clients = new AwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' });
    const trails = await readTrails(clients);
    assert.equal(trails.length, 2);
    assert.match(trails[0]?.readError ?? '', /trail org: access denied \(AccessDeniedException\)/);
    assert.equal(trails[0]?.logging, false);
    assert.deepEqual(
      [trails[1]?.logging, trails[1]?.managementEvents, trails[1]?.readError],
      [true, 'All', undefined],
    );
  });
});
