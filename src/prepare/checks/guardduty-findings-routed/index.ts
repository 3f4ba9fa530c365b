import { type CheckOutcome, defineCheck } from '../define.js';
import { valueOr } from '../trail-helpers.js';

export default defineCheck(
  {
    id: 'guardduty-findings-routed',
    title: 'GuardDuty findings are routed to people or a system (EventBridge or export)',
    severity: 'medium',
    whyItMatters:
      'A finding nobody receives is a finding nobody acts on: route them to SNS, SQS or Lambda (or export them) so the on-call responder learns of them in minutes.',
    remediation:
      'aws events put-rule --name garrison-guardduty --event-pattern \'{"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"]}\' and put-targets to an SNS topic (or garrison prepare apply)',
    controls: ['GuardDuty findings routing'],
  },
  (snapshot) =>
    snapshot.regions.map((region): CheckOutcome => {
      const read = valueOr(snapshot.guardDuty[region], region);
      if ('outcome' in read) return read.outcome;
      const state = read.value;
      if (!state.detectors.some((d) => d.enabled)) {
        return { region, status: 'fail', detail: 'no enabled GuardDuty detector: no findings to route' };
      }
      const route = state.findingRoutes.find((r) => r.targets.length > 0);
      if (route)
        return {
          region,
          status: 'pass',
          detail: `rule ${route.rule} sends findings to ${route.targets.join(', ')}`,
        };
      if (state.publishingDestinations > 0) {
        return {
          region,
          status: 'pass',
          detail: `findings exported to ${state.publishingDestinations} destination(s)`,
        };
      }
      const targetless = state.findingRoutes.map((r) => r.rule);
      return {
        region,
        status: 'fail',
        detail: targetless.length
          ? `rule ${targetless.join(', ')} matches findings but has no SNS/SQS/Lambda target`
          : 'no EventBridge rule or export receives GuardDuty findings',
      };
    }),
);
