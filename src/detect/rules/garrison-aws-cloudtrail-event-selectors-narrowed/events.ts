import type { CloudTrailRecord } from '../../../trail/record.js';
import { ACCOUNT, apiCall } from '../sample-events.js';

/** Positive: what garrison-aws-cloudtrail-event-selectors-narrowed must catch. Negative: the near misses it must leave alone. */
export const positive: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'PutEventSelectors',
    requestParameters: {
      trailName: 'management-events',
      eventSelectors: [
        {
          readWriteType: 'ReadOnly',
          includeManagementEvents: false,
          dataResources: [],
          excludeManagementEventSources: [],
        },
      ],
    },
    responseElements: {
      trailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`,
      eventSelectors: [
        {
          readWriteType: 'ReadOnly',
          includeManagementEvents: false,
          dataResources: [],
          excludeManagementEventSources: [],
        },
      ],
    },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'PutEventSelectors',
    requestParameters: {
      trailName: 'management-events',
      advancedEventSelectors: [
        {
          name: 'S3 data only',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::S3::Object'] },
          ],
        },
      ],
    },
  }),
];
export const negative: CloudTrailRecord[] = [
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'PutEventSelectors',
    requestParameters: {
      trailName: 'management-events',
      eventSelectors: [
        {
          readWriteType: 'All',
          includeManagementEvents: true,
          dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
          excludeManagementEventSources: [],
        },
      ],
    },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'PutEventSelectors',
    requestParameters: {
      trailName: 'management-events',
      advancedEventSelectors: [
        { name: 'Management', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] },
      ],
    },
  }),
  apiCall({
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'GetEventSelectors',
    requestParameters: { trailName: 'management-events' },
  }),
];
