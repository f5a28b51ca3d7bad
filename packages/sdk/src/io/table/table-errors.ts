// Errors of the tabular IO area: CSV parsing, schemas, Parquet encoding and reading, splits.

/** A CSV row that does not fit the schema; never skipped silently. */
export class CsvRowError extends Error {
  override readonly name = 'CsvRowError';
  constructor(
    readonly file: string,
    /** 1-based physical line where the record starts (the header is line 1). */
    readonly line: number,
    readonly reason: string,
    /** The offending text, cut to 200 characters. */
    readonly text: string,
  ) {
    super(`${file}:${line}: ${reason}: ${JSON.stringify(text)}`);
  }
}

/** The header row does not match the explicit schema, or the file is empty (no header at all). */
export class CsvHeaderError extends Error {
  override readonly name = 'CsvHeaderError';
  constructor(
    readonly file: string,
    readonly found: readonly string[],
    readonly expected: readonly string[],
  ) {
    const wanted = expected.length > 0 ? ` ${JSON.stringify(expected.join(','))}` : '';
    super(
      found.length === 0
        ? `${file}: the file is empty; expected a header row${wanted}`
        : `${file}:1: header ${JSON.stringify(found.join(','))} does not match the schema; expected${wanted}`,
    );
  }
}

export class UnsupportedCompressionError extends Error {
  override readonly name = 'UnsupportedCompressionError';
  constructor(
    readonly compression: string,
    readonly reason: string,
  ) {
    super(`compression ${JSON.stringify(compression)} is not available: ${reason}`);
  }
}

/** A Parquet file this reader cannot decode (encoding, codec or nesting it does not implement). */
export class ParquetFormatError extends Error {
  override readonly name = 'ParquetFormatError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

export class SplitError extends Error {
  override readonly name = 'SplitError';
  constructor(
    readonly reason: string,
    readonly value: unknown,
  ) {
    super(`${reason}: ${JSON.stringify(value)}`);
  }
}

/** A CSV with a header but no data rows where rows are required. */
export class CsvEmptyError extends Error {
  override readonly name = 'CsvEmptyError';
  constructor(readonly file: string) {
    super(`${file}: no data rows after the header (line 1); expected at least one row`);
  }
}

/** A fingerprint passed on between tasks that cannot be read. */
export class FingerprintFormatError extends Error {
  override readonly name = 'FingerprintFormatError';
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: not a table fingerprint: ${reason}`);
  }
}

/** A table's fingerprint differs from the one it must equal (e.g. the union of the splits vs their input). */
export class FingerprintMismatchError extends Error {
  override readonly name = 'FingerprintMismatchError';
  constructor(
    readonly subject: string,
    readonly reference: string,
    readonly detail: string,
  ) {
    super(`${subject} does not hold the same rows as ${reference}: ${detail}`);
  }
}
