/** Everyday changes people and pipelines make: tags, start/stop, configuration. */
import { type Call, type CallMaker, instanceIn, s3BucketCall } from './calls.js';

const write = (
  source: string,
  name: string,
  request: Record<string, unknown>,
  command: string,
  response?: Record<string, unknown>,
): Call => ({
  source,
  name,
  readOnly: false,
  request,
  command,
  ...(response ? { response } : {}),
});

export const everydayWrites: CallMaker[] = [
  (p, o, r) =>
    write(
      'ec2.amazonaws.com',
      'CreateTags',
      {
        resourcesSet: { items: [{ resourceId: instanceIn(p, o, r) }] },
        tagSet: { items: [{ key: 'CostCenter', value: p.pick(['1201', '1310', '2040']) }] },
      },
      'ec2.create-tags',
      { _return: true },
    ),
  (p, o, r) => {
    const id = instanceIn(p, o, r);
    return write(
      'ec2.amazonaws.com',
      'StopInstances',
      { instancesSet: { items: [{ instanceId: id }] }, force: false },
      'ec2.stop-instances',
      {
        instancesSet: {
          items: [
            {
              instanceId: id,
              currentState: { code: 64, name: 'stopping' },
              previousState: { code: 16, name: 'running' },
            },
          ],
        },
      },
    );
  },
  (p, o, r) => {
    const id = instanceIn(p, o, r);
    return write(
      'ec2.amazonaws.com',
      'StartInstances',
      { instancesSet: { items: [{ instanceId: id }] } },
      'ec2.start-instances',
      {
        instancesSet: {
          items: [
            {
              instanceId: id,
              currentState: { code: 0, name: 'pending' },
              previousState: { code: 80, name: 'stopped' },
            },
          ],
        },
      },
    );
  },
  (p, o, r) => {
    const call = s3BucketCall(p, o, r, 'PutBucketTagging');
    call.readOnly = false;
    (call.request as Record<string, unknown>).tagging = '';
    (call.request as Record<string, unknown>).Tagging = {
      xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
      TagSet: { Tag: [{ Key: 'DataClass', Value: p.pick(['internal', 'confidential']) }] },
    };
    return call;
  },
  (p, o) =>
    write(
      'lambda.amazonaws.com',
      'UpdateFunctionConfiguration20150331v2',
      {
        functionName: p.pick(o.functions).name,
        timeout: p.pick([30, 60, 120]),
        memorySize: p.pick([256, 512, 1024]),
      },
      'lambda.update-function-configuration',
    ),
  (p, o) =>
    write(
      'logs.amazonaws.com',
      'PutRetentionPolicy',
      { logGroupName: `/aws/lambda/${p.pick(o.functions).name}`, retentionInDays: p.pick([30, 90, 365]) },
      'logs.put-retention-policy',
    ),
];
