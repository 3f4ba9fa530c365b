/**
 * Reading IAM-style policy documents as CloudTrail records them: bucket policies arrive as objects,
 * trust policies as JSON strings. Hostile or malformed input yields an empty policy, never a throw.
 */
export interface PolicyStatement {
  Effect?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

export interface PolicyDocument {
  statements: PolicyStatement[];
}

export function policyDocument(value: unknown): PolicyDocument {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { statements: [] };
    }
  }
  if (!parsed || typeof parsed !== 'object') return { statements: [] };
  const statement = (parsed as { Statement?: unknown }).Statement;
  const list = Array.isArray(statement) ? statement : [statement];
  return { statements: list.filter((s): s is PolicyStatement => !!s && typeof s === 'object') };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The AWS principals ("*", account ids, ARNs) of the Allow statements. */
export function allowedAwsPrincipals(policy: PolicyDocument): string[] {
  return policy.statements
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) =>
      s.Principal === '*' ? ['*'] : strings((s.Principal as { AWS?: unknown } | undefined)?.AWS),
    );
}

/** Allow statements open to any principal with no Condition narrowing them. */
export function publicAllowStatements(policy: PolicyDocument): PolicyStatement[] {
  return policy.statements.filter((s) => {
    if (s.Effect !== 'Allow') return false;
    if (s.Condition && typeof s.Condition === 'object' && Object.keys(s.Condition).length > 0) return false;
    const aws = (s.Principal as { AWS?: unknown } | undefined)?.AWS;
    return s.Principal === '*' || strings(aws).includes('*');
  });
}
