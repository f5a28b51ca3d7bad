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

/** The header row does not match the explicit schema, or the file has no header. */
export class CsvHeaderError extends Error {
  override readonly name = 'CsvHeaderError';
  constructor(
    readonly file: string,
    readonly found: readonly string[],
    readonly expected: readonly string[],
  ) {
    super(
      `${file}: header ${JSON.stringify(found)} does not match the schema columns ${JSON.stringify(expected)}`,
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
