/** An entry would land outside the extraction root: `..`, an absolute path, or a link pointing outside. */
export class ArchiveTraversalError extends Error {
  override readonly name = 'ArchiveTraversalError';
  constructor(
    readonly archive: string,
    readonly entry: string,
    readonly reason: string,
  ) {
    super(
      `Refusing to extract ${JSON.stringify(entry)} from ${archive}: ${reason}; entries must stay inside the target`,
    );
  }
}

/** The archive is damaged or cut short; nothing from it was published. */
export class CorruptArchiveError extends Error {
  override readonly name = 'CorruptArchiveError';
  constructor(
    readonly archive: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`${archive} is corrupt or truncated: ${detail}`, options);
  }
}

/** Requested entries are not in the archive; `available` lists (up to 50 of) what is. */
export class ArchiveEntryNotFoundError extends Error {
  override readonly name = 'ArchiveEntryNotFoundError';
  constructor(
    readonly archive: string,
    readonly missing: readonly string[],
    readonly available: readonly string[],
  ) {
    const shown = available.slice(0, 50).join(', ');
    const more = available.length > 50 ? ` and ${available.length - 50} more` : '';
    super(`${archive} has no entry ${missing.join(', ')}; it contains: ${shown || '(nothing)'}${more}`);
  }
}
