import type { Playbook } from '../../step.js';
import { withRequestIds } from '../shared/request-ids.js';
import { captureConsole, recordMetadata, snapshotVolumes } from './steps-evidence.js';
import { detachInstanceProfile, revokeRoleSessions } from './steps-identity.js';
import { cutSubnets, isolateNetwork } from './steps-network.js';
import {
  deregisterFromTargetGroups,
  detachAutoScaling,
  protectInstance,
  tagWithCase,
} from './steps-workload.js';

/**
 * Contain a compromised EC2 instance the way AWS's incident-response guidance does: evidence first,
 * then protect, take it out of service, isolate every interface, cut its role, copy its disks.
 * Steps without a dependency between them run at once; evidence copies never wait for containment.
 */
export const ec2Playbook: Playbook<import('./target.js').Ec2Target> = {
  name: 'ec2',
  title: 'Contain an EC2 instance',
  steps: [
    recordMetadata,
    protectInstance,
    detachAutoScaling,
    deregisterFromTargetGroups,
    tagWithCase,
    isolateNetwork,
    cutSubnets,
    revokeRoleSessions,
    detachInstanceProfile,
    snapshotVolumes,
    captureConsole,
  ].map(withRequestIds),
};
