import type { CloudTrailRecord } from '../../../trail/record.js';
import { apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-guardduty-disabled must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'guardduty.amazonaws.com',
    eventName: 'DeleteDetector',
    requestParameters: { detectorId: '12abc34d567e8fa901bc2d34e56789f0' },
  }),
  apiCall({
    eventSource: 'guardduty.amazonaws.com',
    eventName: 'UpdateDetector',
    requestParameters: { detectorId: '12abc34d567e8fa901bc2d34e56789f0', enable: false },
  }),
  apiCall({
    eventSource: 'guardduty.amazonaws.com',
    eventName: 'CreateFilter',
    requestParameters: {
      detectorId: '12abc34d567e8fa901bc2d34e56789f0',
      name: 'quiet',
      action: 'ARCHIVE',
      findingCriteria: { criterion: { severity: { gte: 1 } } },
    },
  }),
  apiCall({
    eventSource: 'guardduty.amazonaws.com',
    eventName: 'DisassociateFromAdministratorAccount',
    requestParameters: { detectorId: '12abc34d567e8fa901bc2d34e56789f0' },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'guardduty.amazonaws.com',
    eventName: 'UpdateDetector',
    requestParameters: {
      detectorId: '12abc34d567e8fa901bc2d34e56789f0',
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
    },
  }),
  apiCall({
    eventSource: 'guardduty.amazonaws.com',
    eventName: 'CreateFilter',
    requestParameters: {
      detectorId: '12abc34d567e8fa901bc2d34e56789f0',
      name: 'note',
      action: 'NOOP',
      findingCriteria: {},
    },
  }),
  apiCall({ eventSource: 'guardduty.amazonaws.com', eventName: 'ListDetectors' }),
];
