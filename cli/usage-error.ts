/**
 * A mistake in how `sop` was called (a missing file, a bad option value), as opposed to a
 * problem inside an SOP. The CLI prints the message and exits with status 2.
 *
 * @example
 * throw new UsageError(`file not found: ${path}`, 'check the path; globs like sop-definitions/*.yaml work');
 */
export class UsageError extends Error {
  readonly code = 'USAGE';

  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit status for usage errors, so scripts can tell them from invalid SOPs (status 1). */
export const USAGE_EXIT_CODE = 2;
