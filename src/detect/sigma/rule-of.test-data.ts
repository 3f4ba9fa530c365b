import { stringify } from 'yaml';
import { compileSigmaRule } from './rule.js';

/** A one-selection rule over `detection`, compiled. */
export function ruleOf(detection: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const doc = {
    title: 'test rule',
    logsource: { product: 'aws', service: 'cloudtrail' },
    detection,
    ...extra,
  };
  return compileSigmaRule(stringify(doc), 'test.yml');
}
