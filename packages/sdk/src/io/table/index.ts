// Tables: typed column schemas, CSV → Parquet, and the Parquet writer/readers.
export { DEFAULT_ROW_GROUP_SIZE, csvToParquet } from './csv-to-parquet.js';
export type { CsvToParquetOptions, CsvToParquetResult } from './csv-to-parquet.js';
export { ColumnType, isNumeric, moviesSchema, ratingsSchema } from './table-schema.js';
export type { ColumnSpec, TableSchema } from './table-schema.js';
export type { ColumnChunk, NumericValues } from './column-chunk.js';
export {
  CsvHeaderError,
  CsvRowError,
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
