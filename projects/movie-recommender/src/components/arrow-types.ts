import type { ParquetColumnInfo } from '@capstone/sdk/io';

/**
 * The Arrow type a Parquet reader (arrow-rs, pyarrow) gives a flat column, written as Apache Arrow JS
 * prints it (`String(new Int32())` is `Int32`). Footer-only, so QA of a large object reads kilobytes.
 */
export function arrowTypeOf(column: ParquetColumnInfo): string {
  const logical = column.logicalType;
  switch (column.physicalType) {
    case 'BOOLEAN':
      return 'Bool';
    case 'INT32':
      return logical === 'DATE'
        ? 'Date32<DAY>'
        : logical && logical !== 'INT_32'
          ? `INT32(${logical})`
          : 'Int32';
    case 'INT64':
      return logical && logical !== 'INT_64' ? `INT64(${logical})` : 'Int64';
    case 'FLOAT':
      return 'Float32';
    case 'DOUBLE':
      return 'Float64';
    case 'BYTE_ARRAY':
      return logical === 'STRING' || logical === 'UTF8' ? 'Utf8' : 'Binary';
    default:
      return `${column.physicalType}${logical ? `(${logical})` : ''}`;
  }
}

/** The ratings splits' contract: exactly these columns, in this order, with these Arrow types. */
export const SPLIT_COLUMNS = [
  { name: 'userId', type: 'Int32' },
  { name: 'movieId', type: 'Int32' },
  { name: 'rating', type: 'Float32' },
  { name: 'timestamp', type: 'Int64' },
] as const;

/** `movies.parquet.gzip`: these column names, in this order. */
export const MOVIES_COLUMNS = ['movieId', 'title', 'genres'] as const;
