import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { GarrisonError } from '../../errors.js';
import type { RecordPeek } from '../../trail/scan/types.js';
import { SEVERITIES, type Severity } from '../engine/detection.js';
import { type ConditionNode, parseCondition } from './condition.js';
import { rawRecordTest, requiredEventNames, requiredEventSources } from './prefilter.js';
import { SigmaRuleError } from './rule-error.js';
import { compileSelection, type Selection } from './selection.js';
import { allHold, anyHolds } from './tests-of.js';

const stringList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (typeof v === 'string' ? [v] : v));

/** The parts of a Sigma rule document garrison reads; other keys are kept and ignored. */
export const sigmaDocumentSchema = z.looseObject({
  title: z.string().min(1),
  id: z.string().min(1).optional(),
  name: z.string().optional(),
  status: z.string().optional(),
  description: z.string().optional(),
  references: z.array(z.string()).optional(),
  author: z.string().optional(),
  tags: z.array(z.string()).optional(),
  logsource: z.looseObject({
    product: z.string().optional(),
    service: z.string().optional(),
    category: z.string().optional(),
  }),
  detection: z.looseObject({ condition: stringList }),
  falsepositives: stringList.optional(),
  level: z.enum(SEVERITIES).optional(),
});
export type SigmaDocument = z.infer<typeof sigmaDocumentSchema>;

/** A Sigma rule compiled into a predicate over one CloudTrail record, with its prefilter. */
export interface SigmaRule {
  /** The rule's `id` (a UUID in SigmaHQ rules), else its file name without extension. */
  id: string;
  /** The file name without extension: a friendlier handle for --only/--exclude. */
  name: string;
  title: string;
  description: string;
  severity: Severity;
  tags: string[];
  /** ATT&CK technique ids taken from `attack.tNNNN[.NNN]` tags. */
  mitre: string[];
  falsePositives: string[];
  references: string[];
  file: string;
  document: SigmaDocument;
  matches(record: unknown): boolean;
  /** eventName values (as written) one of which a record needs; undefined when the rule has no such bound. */
  eventNames: ReadonlySet<string> | undefined;
  /** eventSource values one of which a record needs; undefined when the rule has no such bound. */
  eventSources: ReadonlySet<string> | undefined;
  /** A test on the raw record that never rejects a record the rule matches; undefined: none. */
  rawTest: ((peek: RecordPeek) => boolean) | undefined;
}

const UNSUPPORTED_KEYS: Record<string, string> = {
  correlation: 'correlation rules',
  filter: 'Sigma filters',
  action: 'rule collections (action:)',
};

/** A rule garrison refuses: the file and the construct, with what garrison does evaluate. */
function refusal(file: string, message: string, cause?: unknown): GarrisonError {
  return new GarrisonError('input', `Sigma rule ${file}: ${message}`, {
    cause,
    hint: 'garrison evaluates single Sigma detection rules for logsource product: aws, service: cloudtrail',
  });
}

/** Compiles the YAML text of one Sigma rule. Every refusal is a GarrisonError naming the file and construct. */
export function compileSigmaRule(text: string, file: string): SigmaRule {
  const fail = (message: string, cause?: unknown) => refusal(file, message, cause);
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length === 0) throw fail('the file holds no YAML document');
  if (documents.length > 1)
    throw fail('rule collections (several YAML documents in one file) are not supported');
  const yamlDoc = documents[0];
  if (!yamlDoc || yamlDoc.errors.length)
    throw fail(`YAML error: ${yamlDoc?.errors[0]?.message ?? 'unreadable'}`);
  return compileSigmaDocument(yamlDoc.toJS(), file);
}

/** Compiles one Sigma rule already read from its YAML (a plain JSON-like value). */
export function compileSigmaDocument(raw: unknown, file: string): SigmaRule {
  const fail = (message: string, cause?: unknown) => refusal(file, message, cause);
  if (raw && typeof raw === 'object') {
    for (const [key, construct] of Object.entries(UNSUPPORTED_KEYS))
      if (key in raw) throw fail(`${construct} are not supported`);
  }
  const parsed = sigmaDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(`${issue?.path.join('.') || 'rule'}: ${issue?.message ?? 'invalid'}`);
  }
  const doc = parsed.data;
  const { product, service, category } = doc.logsource;
  if (product?.toLowerCase() !== 'aws' || service?.toLowerCase() !== 'cloudtrail' || category !== undefined)
    throw fail(
      `logsource ${JSON.stringify(doc.logsource)} is not supported (only product: aws, service: cloudtrail)`,
    );
  try {
    const { condition, timeframe, ...searches } = doc.detection;
    if (timeframe !== undefined) throw new SigmaRuleError('"timeframe" (aggregations) is not supported');
    const selections = new Map<string, Selection>();
    for (const [name, value] of Object.entries(searches)) selections.set(name, compileSelection(name, value));
    const names = [...selections.keys()];
    const trees = condition.map((c) => parseCondition(c, names));
    const tree: ConditionNode =
      trees.length === 1 ? (trees[0] as ConditionNode) : { kind: 'or', operands: trees };
    const matches = evaluator(tree, selections);
    const base = file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
    return {
      id: doc.id ?? base,
      name: base,
      title: doc.title,
      description: doc.description ?? '',
      severity: doc.level ?? 'medium',
      tags: doc.tags ?? [],
      mitre: mitreOf(doc.tags ?? []),
      falsePositives: doc.falsepositives ?? [],
      references: doc.references ?? [],
      file,
      document: doc,
      matches,
      eventNames: requiredEventNames(tree, selections),
      eventSources: requiredEventSources(tree, selections),
      rawTest: rawRecordTest(tree, selections),
    };
  } catch (error) {
    if (error instanceof SigmaRuleError) throw fail(error.message, error);
    throw error;
  }
}

function evaluator(
  node: ConditionNode,
  selections: ReadonlyMap<string, Selection>,
): (record: unknown) => boolean {
  switch (node.kind) {
    case 'ref': {
      const selection = selections.get(node.name) as Selection;
      return (record) => selection.test(record);
    }
    case 'not': {
      const inner = evaluator(node.operand, selections);
      return (record) => !inner(record);
    }
    case 'and': {
      const parts = node.operands.map((n) => evaluator(n, selections));
      return (record) => allHold(parts, record);
    }
    case 'or': {
      const parts = node.operands.map((n) => evaluator(n, selections));
      return (record) => anyHolds(parts, record);
    }
    case 'quantified': {
      const parts = node.names.map((name) => (selections.get(name) as Selection).test);
      return node.quantifier === 'all'
        ? (record) => allHold(parts, record)
        : (record) => anyHolds(parts, record);
    }
  }
}

function mitreOf(tags: readonly string[]): string[] {
  return tags
    .map((t) => /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t)?.[1]?.toUpperCase())
    .filter((t): t is string => t !== undefined);
}
