import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { motoSkipReason, useMoto } from './helpers/moto.js';

describe('AwsClients against moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();

  it('lists the enabled regions and the account', async () => {
    const clients = moto.clients();
    const regions = await clients.enabledRegions();
    assert.ok(regions.includes('us-east-1'));
    assert.ok(regions.includes('eu-west-1'));
    assert.match(await clients.accountId(), /^\d{12}$/);
  });

  it('assumes a role in another account with --role-arn', async () => {
    const clients = moto.clients();
    const iam = clients.client(IAMClient);
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'responder',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
      }),
    );
    const other = clients.withRole('arn:aws:iam::210987654321:role/responder', 'ext-1');
    assert.equal(await other.accountId(), '210987654321');
  });
});
