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
  override readonly name: string = 'CorruptArchiveError';
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

/** The file is another format than the one expected: `DATA.gz is a zip archive, expected a tar or tar.gz archive`. */
export class WrongArchiveFormatError extends Error {
  override readonly name = 'WrongArchiveFormatError';
  constructor(
    readonly archive: string,
    /** What the first bytes say it is, e.g. `a zip archive`. */
    readonly found: string,
    readonly expected: string,
  ) {
    super(`${archive} is ${found}, expected ${expected}`);
  }
}

/** Where in an archive a cut or damage was found: the last entry started and whether it was complete. */
export interface ArchivePosition {
  /** Bytes of the archive file (compressed, as downloaded) read when the problem showed. */
  readonly bytes: number;
  readonly entry?: string;
  /** Whether `entry` was cut; leave both out when the entry is not known. */
  readonly insideEntry?: boolean;
}

/** The archive ends early: no gzip trailer, a cut entry, no end-of-archive blocks, no zip central directory. */
export class TruncatedArchiveError extends CorruptArchiveError {
  override readonly name = 'TruncatedArchiveError';
  constructor(
    archive: string,
    readonly position: ArchivePosition,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(archive, detail, options);
    this.message = `${archive} is truncated after ${position.bytes} bytes${describeEntry(position)}: ${detail}`;
  }
}

function describeEntry(position: ArchivePosition): string {
  if (position.entry === undefined)
    return position.insideEntry === undefined ? '' : ', before the first entry';
  return position.insideEntry ? `, inside entry ${position.entry}` : `, after entry ${position.entry}`;
}
