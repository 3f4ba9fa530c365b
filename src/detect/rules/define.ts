import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { GarrisonError } from '../../errors.js';
import type { CloudTrailRecord } from '../../trail/record.js';
import { type DetectionMeta, detectionMetaSchema } from './metadata.js';

/** The logic of a detection Sigma cannot express: a small pure function over one record. */
export type RecordPredicate = (record: CloudTrailRecord) => boolean;

/** One detection folder as written: its YAML (metadata, and the Sigma logic when it has one), events, predicate. */
export interface PackDetectionSource {
  /** The folder name, which must equal the id in the YAML. */
  folder: string;
  yaml: string;
  predicate?: RecordPredicate;
  positive: CloudTrailRecord[];
  negative: CloudTrailRecord[];
}

/** A detection after its metadata was validated. */
export interface PackDetection {
  meta: DetectionMeta;
  /** Where it is defined, for messages: `src/detect/rules/<folder>/rule.ts`. */
  file: string;
  predicate?: RecordPredicate;
  positive: CloudTrailRecord[];
  negative: CloudTrailRecord[];
}

/** Declares one detection folder; validated later by loadPackDetection (so a broken rule names its file). */
export function definePackDetection(source: PackDetectionSource): PackDetectionSource {
  return source;
}

/** Validates a folder's YAML and shape; throws a GarrisonError naming the file and the field. */
export function loadPackDetection(source: PackDetectionSource): PackDetection {
  const file = `src/detect/rules/${source.folder}/rule.ts`;
  const fail = (message: string): never => {
    throw new GarrisonError('input', `${file}: ${message}`, {
      hint: 'fix the rule metadata; every built-in detection must validate',
    });
  };
  let document: unknown;
  try {
    document = parseYaml(source.yaml);
  } catch (error) {
    fail(`invalid YAML: ${(error as Error).message}`);
  }
  const result = detectionMetaSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    fail(`field ${issue?.path.join('.') || '(document)'}: ${issue?.message ?? 'invalid'}`);
  }
  const meta = (result as { data: DetectionMeta }).data;
  if (meta.id !== source.folder) fail(`field id: ${meta.id} does not match its folder ${source.folder}`);
  if (meta.detection && source.predicate)
    fail('field detection: a rule has Sigma logic or a predicate, not both');
  if (!meta.detection && !source.predicate) fail('field detection: missing (and no predicate.ts)');
  if (source.predicate && !meta.eventNames?.length)
    fail('field eventNames: a predicate rule must list the eventNames it can match');
  if (meta.detection && !('condition' in meta.detection)) fail('field detection.condition: missing');
  if (source.positive.length === 0) fail('events: at least one positive event is required');
  if (source.negative.length === 0) fail('events: at least one negative event is required');
  return {
    meta,
    file,
    ...(source.predicate ? { predicate: source.predicate } : {}),
    positive: source.positive,
    negative: source.negative,
  };
}

/**
 * The detection as a standalone Sigma rule (SigmaHQ v2 layout), for a Sigma loader: garrison's
 * severity becomes `level`, MITRE ids become `attack.tXXXX` tags. Undefined for predicate rules.
 */
export function sigmaRuleText(meta: DetectionMeta): string | undefined {
  const document = sigmaDocument(meta);
  return document && stringifyYaml(document);
}

/** The same rule as the document its YAML text holds (what a Sigma loader reads from it). */
export function sigmaDocument(meta: DetectionMeta): Record<string, unknown> | undefined {
  if (!meta.detection) return undefined;
  return {
    title: meta.title,
    id: meta.id,
    status: 'stable',
    description: meta.description,
    tags: meta.mitre.map((t) => `attack.${t.toLowerCase()}`),
    logsource: meta.logsource,
    detection: meta.detection,
    falsepositives: meta.falsePositives,
    level: meta.severity,
  };
}
