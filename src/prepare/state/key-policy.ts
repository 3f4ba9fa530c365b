/**
 * Does a KMS key policy let CloudTrail encrypt one trail's logs? A small, conservative evaluator of
 * the statements AWS documents for CloudTrail ("Configure AWS KMS key policies for CloudTrail"):
 * an Allow counts only when its principal, action and every condition are known to match; a Deny
 * blocks when it is known to match. Pure: the audit and `prepare apply` call it on a policy read once.
 */

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

interface Statement {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Condition?: unknown;
}

const list = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** IAM wildcards: `*` any run, `?` one character. */
function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function namesCloudTrail(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const p = principal as { Service?: unknown; AWS?: unknown };
  return list(p.Service).includes(CLOUDTRAIL) || list(p.AWS).includes('*');
}

function coversAction(s: Statement, action: string): boolean {
  if (s.Action !== undefined) return list(s.Action).some((a) => glob(a, action, true));
  if (s.NotAction !== undefined) return !list(s.NotAction).some((a) => glob(a, action, true));
  return false;
}

/** true / false when every condition could be evaluated against `context`, undefined when one could not. */
function conditionsHold(condition: unknown, context: Record<string, string>): boolean | undefined {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) return undefined;
  let verdict: boolean | undefined = true;
  for (const [rawOperator, entries] of Object.entries(condition as Record<string, unknown>)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const operator = ifExists ? rawOperator.slice(0, -'IfExists'.length) : rawOperator;
    if (typeof entries !== 'object' || entries === null) return undefined;
    for (const [key, expected] of Object.entries(entries as Record<string, unknown>)) {
      const actual = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      const values = list(expected);
      if (actual === undefined) {
        if (ifExists) continue;
        return undefined;
      }
      let holds: boolean;
      if (operator === 'StringEquals' || operator === 'ArnEquals') holds = values.includes(actual);
      else if (operator === 'StringEqualsIgnoreCase')
        holds = values.some((v) => v.toLowerCase() === actual.toLowerCase());
      else if (operator === 'StringLike' || operator === 'ArnLike')
        holds = values.some((v) => glob(v, actual, false));
      else if (operator === 'StringNotEquals' || operator === 'ArnNotEquals')
        holds = !values.includes(actual);
      else if (operator === 'StringNotLike' || operator === 'ArnNotLike')
        holds = !values.some((v) => glob(v, actual, false));
      else if (operator === 'Bool') holds = values.some((v) => v.toLowerCase() === actual);
      else return undefined;
      if (!holds) verdict = false;
    }
  }
  return verdict;
}

function sid(s: Statement): string {
  return typeof s.Sid === 'string' && s.Sid ? `"${s.Sid.slice(0, 80).replace(/\p{Cc}/gu, '?')}"` : '(no Sid)';
}

/** Whether CloudTrail, writing for `context`, may call `action`: allowed unless a known Deny matches. */
function decide(statements: Statement[], action: string, context: Record<string, string>) {
  const applies = (s: Statement) =>
    s.NotPrincipal === undefined && namesCloudTrail(s.Principal) && coversAction(s, action);
  const deny = statements.find(
    (s) => s.Effect === 'Deny' && applies(s) && conditionsHold(s.Condition, context),
  );
  if (deny) return { allowed: false, deniedBy: sid(deny) };
  const allow = statements.some(
    (s) => s.Effect === 'Allow' && applies(s) && conditionsHold(s.Condition, context) === true,
  );
  return { allowed: allow, deniedBy: undefined };
}

/**
 * What the key policy `text` lacks for CloudTrail to use the key for `trailArn` (empty: it may):
 * kms:GenerateDataKey* with the trail's encryption context and source ARN, and kms:DescribeKey.
 */
export function cloudTrailKeyPolicyProblems(text: string | undefined, trailArn: string): string[] {
  if (!text) return ['the key policy could not be read'];
  let statements: Statement[];
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    const raw = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
    statements = raw.filter((s): s is Statement => typeof s === 'object' && s !== null);
  } catch {
    return ['the key policy is not valid JSON'];
  }
  const account = trailArn.split(':')[4] ?? '';
  const context: Record<string, string> = {
    'aws:SourceArn': trailArn,
    'aws:SourceAccount': account,
    'aws:SecureTransport': 'true',
    'aws:PrincipalServiceName': CLOUDTRAIL,
    'kms:EncryptionContext:aws:cloudtrail:arn': trailArn,
  };
  const describeContext: Record<string, string> = { ...context };
  delete describeContext['kms:EncryptionContext:aws:cloudtrail:arn'];
  const problems: string[] = [];
  for (const [action, ctx] of [
    ['kms:GenerateDataKey', context],
    ['kms:DescribeKey', describeContext],
  ] as const) {
    const verdict = decide(statements, action, ctx);
    if (verdict.deniedBy) problems.push(`statement ${verdict.deniedBy} denies ${CLOUDTRAIL} ${action}`);
    else if (!verdict.allowed)
      problems.push(`no statement allows ${CLOUDTRAIL} ${action} for trail ${trailArn}`);
  }
  return problems;
}
