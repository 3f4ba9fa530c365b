import { GarrisonError } from '../../errors.js';

/** A filter pattern CloudWatch Logs would refuse (or garrison cannot evaluate), with where it goes wrong. */
export class FilterPatternError extends GarrisonError {
  /** 0-based offset in the pattern text. */
  readonly position: number;

  constructor(message: string, pattern: string, position: number) {
    const shown =
      pattern.length > 120 ? `${pattern.slice(Math.max(0, position - 60), position + 60)}` : pattern;
    const caretAt = pattern.length > 120 ? Math.min(position, 60) : position;
    super(
      'input',
      `filter pattern: ${message} at column ${position + 1}\n  ${shown}\n  ${' '.repeat(caretAt)}^`,
      {
        hint: 'see "Filter pattern syntax" in the CloudWatch Logs user guide',
      },
    );
    this.name = 'FilterPatternError';
    this.position = position;
  }
}
