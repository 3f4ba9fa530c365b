import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-ec2-key-pair-created must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'CreateKeyPair',
    requestParameters: { keyName: 'xg1', keyType: 'rsa', keyFormat: 'pem' },
    responseElements: {
      keyName: 'xg1',
      keyFingerprint: '1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca:9f:f5:f1:6f',
      keyPairId: 'key-0a1b2c3d4e5f67890',
      keyMaterial: '<sensitiveDataRemoved>',
    },
  }),
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ImportKeyPair',
    requestParameters: { keyName: 'temp_key_pair', publicKeyMaterial: 'c3NoLWVkMjU1MTkgQUFBQQ==' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeKeyPairs',
    requestParameters: { keySet: {}, keyPairIdSet: {}, filterSet: {} },
  }),
];
