import type { CloudTrailRecord } from '../trail/record.js';

/** What a call did to the resources it names, as an analyst sorts blast radius. */
export type ActionKind = 'read' | 'created' | 'changed' | 'deleted';

const READ_VERB =
  /^(Get|List|Describe|Head|Lookup|Search|Select|Scan|Query|BatchGet|Check|Verify|Simulate|Preview|Estimate|Download|Filter|Test)/;
const DELETE_VERB =
  /^(Delete|Remove|Terminate|Deregister|Disable|Revoke|Cancel|Purge|Destroy|Leave|Detach|Disassociate|Release|Deactivate|Stop|Schedule.*Deletion)/;
const CREATE_VERB =
  /^(Create|Run|Launch|Allocate|Register|Import|Copy|Generate|Upload|Issue|Request|Add|Clone)/;

/**
 * Sorts a call: read when CloudTrail marks it readOnly (or, unmarked, when its verb reads);
 * otherwise created, deleted or changed by the verb of its eventName (Put, Update, Attach, Set,
 * Modify, Start and the rest are changes).
 */
export function actionKind(record: Pick<CloudTrailRecord, 'eventName' | 'readOnly'>): ActionKind {
  const name = record.eventName;
  if (record.readOnly === true) return 'read';
  if (record.readOnly === undefined && READ_VERB.test(name)) return 'read';
  if (DELETE_VERB.test(name)) return 'deleted';
  if (CREATE_VERB.test(name)) return 'created';
  if (record.readOnly === false) return 'changed';
  return READ_VERB.test(name) ? 'read' : 'changed';
}
