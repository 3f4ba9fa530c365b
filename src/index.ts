/**
 * garrison's library: everything the CLI does, callable from code. The library never prints.
 */
export { AwsClients, type AwsTarget } from './aws/clients.js';
export { describeError, type ErrorCode, GarrisonError, isGarrisonError } from './errors.js';
export { type Emulator, startEmulator } from './lab/moto.js';
export {
  type CloudTrailRecord,
  checkRecord,
  cloudTrailRecordSchema,
  fieldValue,
  principalOf,
  type RecordOrigin,
  type Rejection,
  type TrailRecord,
} from './trail/record.js';
export { VERSION } from './version.js';
