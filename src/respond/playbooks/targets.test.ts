import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsClients } from '../../aws/clients.js';
import { roleNameOf } from './iam-role/playbook.js';
import { isAccessKeyId, resolveUser } from './iam-user/credentials.js';
import { parseTag, resolveTargets } from './targets.js';

// Unroutable endpoint: every case here must be refused before any call is made.
const clients = new AwsClients({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:9', maxAttempts: 1 });

describe('contain targets', () => {
  it('takes instance ids and ARNs (the ARN region wins) with the analyst options', async () => {
    const targets = await resolveTargets(
      'ec2',
      [
        'i-0abc1234def567890',
        'arn:aws:ec2:ap-south-1:111122223333:instance/i-0fedcba9876543210',
        'i-0abc1234def567890',
      ],
      { nacl: true },
      clients,
    );
    assert.deepEqual(
      targets.map((t) => [t.id, t.region]),
      [
        ['i-0abc1234def567890', 'eu-west-1'],
        ['i-0fedcba9876543210', 'ap-south-1'],
      ],
    );
    assert.equal((targets[0] as { nacl?: boolean }).nacl, true);
    assert.equal((targets[0] as { keepRoleSessions?: boolean }).keepRoleSessions, false);
  });

  it('refuses hostile or malformed targets before calling AWS', async () => {
    for (const bad of ['i-0abc;rm -rf /', 'i-XYZ', '../i-0abc1234', 'i-0abc1234\u001b[2J', ''])
      await assert.rejects(resolveTargets('ec2', [bad], {}, clients), /not an EC2 instance id/);
    await assert.rejects(resolveTargets('ec2', [], {}, clients), /no instance to contain/);
    await assert.rejects(resolveTargets('lambda', ['f'], {}, clients), /no playbook/);
    await assert.rejects(resolveTargets('s3-bucket', ['Bad_Bucket'], {}, clients), /not an S3 bucket name/);
    await assert.rejects(resolveUser(clients, 'alice bob'), /not an IAM user name/);
    await assert.rejects(resolveUser(clients, 'ASIAABCDEFGHIJKLMNOP'), /temporary \(session\) key/);
    assert.throws(() => roleNameOf('arn:aws:iam::111122223333:user/alice'), /not an IAM role/);
    assert.throws(() => roleNameOf('web role'), /not an IAM role/);
  });

  it('reads role names and ARNs, access key ids and tags', () => {
    assert.equal(roleNameOf('arn:aws:iam::111122223333:role/service/web-role'), 'web-role');
    assert.equal(roleNameOf('web-role'), 'web-role');
    assert.ok(isAccessKeyId('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(!isAccessKeyId('alice'));
    assert.deepEqual(parseTag('incident=42=a'), ['incident', '42=a']);
    assert.throws(() => parseTag('=x'), /key=value/);
    assert.throws(() => parseTag('novalue'), /key=value/);
  });
});
