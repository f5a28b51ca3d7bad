// Parquet: a streaming writer for flat tables, a reader (typed column chunks per row group, or Apache
// Arrow), footer summaries through ranged reads, codecs.
export { DEFAULT_READ_BATCH_SIZE, readParquetBatches, readParquetTable } from './arrow-reader.js';
export type { ReadParquetOptions } from './arrow-reader.js';
export { ParquetReader, readColumnChunks } from './column-reader.js';
export { ParquetReadWorker, readColumnChunksInWorker } from './read-worker.js';
export type { ReadColumnsOptions } from './column-reader.js';
export { readParquetFooterFromFile, readParquetFooterFromStore } from './footer.js';
export type { ParquetColumnInfo, ParquetFooter } from './footer.js';
export type { ParquetLayout } from './layout.js';
export { Compression, DEFAULT_GZIP_LEVEL } from './encoding/codecs.js';
export { DEFAULT_PAGE_ROWS, ParquetWriter } from './writer.js';
export type { ParquetWriterOptions } from './writer.js';
