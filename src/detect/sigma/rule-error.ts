/**
 * A construct in a Sigma rule garrison cannot evaluate. Thrown while compiling one rule; the
 * loader turns it into a GarrisonError that names the rule file.
 */
export class SigmaRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigmaRuleError';
  }
}
