// Tables: typed column schemas, CSV → Parquet, and the Parquet writer/readers.
export { DEFAULT_ROW_GROUP_SIZE, PARSE_WORKERS_ENV, csvToParquet } from './csv-to-parquet.js';
export type { CsvToParquetOptions, CsvToParquetResult, RowCheck, RowProblem } from './csv-to-parquet.js';
export { ColumnType, isNumeric } from './table-schema.js';
export type { ColumnSpec, TableSchema } from './table-schema.js';
export type { ColumnChunk, NumericValues } from './column-chunk.js';
export { describeInvalidUtf8, invalidUtf8Row } from './utf8-check.js';
export {
  FINGERPRINT_FORMAT,
  TableFingerprinter,
  compareFingerprints,
  describeDifferences,
  fingerprintParquetFile,
  mergeFingerprints,
  subtractFingerprint,
  parseFingerprint,
} from './fingerprint/index.js';
export type { ColumnFingerprint, FingerprintDifference, TableFingerprint } from './fingerprint/index.js';
export {
  CsvEmptyError,
  CsvHeaderError,
  CsvRowError,
  FingerprintFormatError,
  FingerprintMismatchError,
  ParquetFormatError,
  SplitError,
  UnsupportedCompressionError,
} from './table-errors.js';
export {
  DEFAULT_READ_BATCH_SIZE,
  readParquetBatches,
  readParquetTable,
  ParquetReader,
  readColumnChunks,
  readParquetFooterFromFile,
  readParquetFooterFromStore,
  Compression,
  DEFAULT_GZIP_LEVEL,
  DEFAULT_PAGE_ROWS,
  ParquetWriter,
} from './parquet/index.js';
export type {
  ReadParquetOptions,
  ReadColumnsOptions,
  ParquetLayout,
  ParquetColumnInfo,
  ParquetFooter,
  ParquetWriterOptions,
} from './parquet/index.js';
