// Parquet: a streaming writer for flat tables, a column reader, footers, codecs.
export { DEFAULT_READ_BATCH_SIZE, readParquetTable } from './arrow-reader.js';
export type { ReadParquetOptions } from './arrow-reader.js';
export { readParquetFooterFromFile, readParquetFooterFromStore } from './footer.js';
export type { ParquetColumnInfo, ParquetFooter } from './footer.js';
export { Compression, DEFAULT_GZIP_LEVEL } from './encoding/codecs.js';
export { DEFAULT_PAGE_ROWS, ParquetWriter } from './writer.js';
export type { ParquetWriterOptions } from './writer.js';
export { PARQUET_WASM_FILE, ensureParquetWasm } from './wasm-init.js';
