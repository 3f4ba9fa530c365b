import { z } from 'zod';
import { buildRecordSchema } from './record-schema.js';

/** The CloudTrail record schema for library callers, built with zod's ES module build. */
export const cloudTrailRecordSchema = buildRecordSchema(z);
