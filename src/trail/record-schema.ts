import type { z as Zod } from 'zod';

/**
 * The CloudTrail record schema, built from the zod it is given. It lives apart (and zod is only a
 * type import here) so that the scan workers, whose hand-written check (record-shape.ts) vouches
 * for almost every record, load zod only when a record needs the schema's verdict: zod's import is
 * a third of a worker's start-up, paid on every scan.
 */
export function buildRecordSchema(z: typeof Zod) {
  const sessionIssuer = z.looseObject({
    type: z.string().optional(),
    principalId: z.string().optional(),
    arn: z.string().optional(),
    accountId: z.string().optional(),
    userName: z.string().optional(),
  });

  const userIdentity = z.looseObject({
    type: z.string().optional(),
    principalId: z.string().optional(),
    arn: z.string().optional(),
    accountId: z.string().optional(),
    accessKeyId: z.string().optional(),
    userName: z.string().optional(),
    invokedBy: z.string().optional(),
    sessionContext: z
      .looseObject({
        attributes: z
          .looseObject({
            creationDate: z.string().optional(),
            mfaAuthenticated: z.string().optional(),
          })
          .optional(),
        sessionIssuer: sessionIssuer.optional(),
        sourceIdentity: z.string().optional(),
      })
      .optional(),
  });

  const resource = z.looseObject({
    ARN: z.string().optional(),
    accountId: z.string().optional(),
    type: z.string().optional(),
  });

  const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO 8601 time');

  const record = z.looseObject({
    eventVersion: z.string().optional(),
    eventTime: isoTime,
    eventSource: z.string().min(1),
    eventName: z.string().min(1),
    awsRegion: z.string().optional(),
    sourceIPAddress: z.string().optional(),
    userAgent: z.string().optional(),
    userIdentity: userIdentity.optional(),
    errorCode: z.string().optional(),
    errorMessage: z.string().optional(),
    requestParameters: z.record(z.string(), z.unknown()).nullable().optional(),
    responseElements: z.record(z.string(), z.unknown()).nullable().optional(),
    additionalEventData: z.record(z.string(), z.unknown()).nullable().optional(),
    requestID: z.string().optional(),
    eventID: z.string().optional(),
    readOnly: z.boolean().optional(),
    resources: z.array(resource).optional(),
    eventType: z.string().optional(),
    managementEvent: z.boolean().optional(),
    recipientAccountId: z.string().optional(),
    sharedEventID: z.string().optional(),
    vpcEndpointId: z.string().optional(),
    eventCategory: z.string().optional(),
    sessionCredentialFromConsole: z.string().optional(),
  });
  return record;
}

export type RecordSchema = ReturnType<typeof buildRecordSchema>;
