export type {
  ByteRange,
  ObjectInfo,
  ObjectStore,
  PutOptions,
  PutTreeOptions,
  PutTreeResult,
  TreeProgress,
} from './object-store.js';
export { FsObjectStore } from './fs-object-store.js';
export { S3ObjectStore, createS3Client, redactEndpoint } from './s3-object-store.js';
export type { S3StoreConfig } from './s3-object-store.js';
export {
  DEFAULT_S3_ENDPOINT,
  DEFAULT_S3_REGION,
  STORE_ENV,
  createObjectStore,
  describeStoreConfig,
  objectStoreFromEnv,
  readStoreConfig,
} from './store-config.js';
export type { FsStoreConfig, S3EnvStoreConfig, StoreConfig } from './store-config.js';
export {
  BucketNotFoundError,
  CREDENTIAL_ENV_VARS,
  InvalidBucketNameError,
  InvalidKeyError,
  InvalidRangeError,
  ObjectNotFoundError,
  StorageAuthError,
  StorageConfigError,
  StorageError,
  StorageRequestError,
  StorageUnreachableError,
} from './storage-errors.js';
export {
  DEFAULT_TREE_CONCURRENCY,
  DIGEST_METADATA_KEY,
  listTreeFiles,
  putTree,
  runPool,
  sha256File,
} from './put-tree.js';
export type { TreeTarget } from './put-tree.js';
export { joinKey, validateBucket, validateKey } from './object-key.js';
export { downloadFile, partPathFor } from './download.js';
export type { DownloadOptions, DownloadResult } from './download.js';
export { openResumableStream } from './resumable-stream.js';
export type { ResumableStream, ResumableStreamOptions, RetryEvent } from './resumable-stream.js';
export { CHECKSUM_ALGORITHMS, HashingStream, parseChecksum, parseMd5Sidecar } from './checksum.js';
export type { ChecksumAlgorithm, ExpectedChecksum } from './checksum.js';
export {
  ChecksumFormatError,
  ChecksumMismatchError,
  ContentLengthMismatchError,
  DownloadForbiddenError,
  DownloadHttpError,
  DownloadNotFoundError,
  ResumeRejectedError,
  RetriesExhaustedError,
  TruncatedDownloadError,
  UnexpectedHtmlError,
} from './download-errors.js';
export {
  LogProgressReporter,
  createProgressReporter,
  formatBytes,
  silentProgress,
} from './progress-reporter.js';
export type { ProgressReporter, ProgressReporterOptions } from './progress-reporter.js';
export { redactUrl } from './redact-url.js';
export { archiveNameOf, asArchiveError, extractTarToDirectory, openTarSource } from './extract-tar.js';
export type { ExtractTarOptions, ExtractTarResult, TarSource } from './extract-tar.js';
export { extractTarToStore } from './extract-tar-to-store.js';
export type { EntrySink, ExtractTarToStoreOptions, ExtractTarToStoreResult } from './extract-tar-to-store.js';
export { extractZipEntries, extractZipToDirectory, listZipEntries } from './extract-zip.js';
export type { ExtractZipOptions, ExtractZipToDirectoryOptions, ExtractedZipEntry } from './extract-zip.js';
export { ArchiveEntryNotFoundError, ArchiveTraversalError, CorruptArchiveError } from './archive-errors.js';
export { SkipUnchangedSink } from './skip-unchanged-sink.js';
export type { SinkStats } from './skip-unchanged-sink.js';
export { DEFAULT_ROW_GROUP_SIZE, csvToParquet } from './csv-to-parquet.js';
export type { CsvToParquetOptions, CsvToParquetResult } from './csv-to-parquet.js';
export { ColumnType, isNumeric, moviesSchema, ratingsSchema } from './table-schema.js';
export type { ColumnSpec, TableSchema } from './table-schema.js';
export {
  CsvHeaderError,
  CsvRowError,
  ParquetFormatError,
  SplitError,
  UnsupportedCompressionError,
} from './table-errors.js';
export { DEFAULT_SPLIT_NAMES, splitParquet } from './split.js';
export type { SplitParquetOptions, SplitParquetResult } from './split.js';
export { IMAGE_EXTENSIONS, LABEL_EXTENSION, matchPairs, splitPairs } from './split-pairs.js';
export type { PairSplit, SplitPairsOptions } from './split-pairs.js';
export {
  DEFAULT_FRACTIONS,
  SPLIT_NAMES,
  SplitLabel,
  assignSplits,
  seededPermutation,
  splitSizes,
} from './seeded-shuffle.js';
export type { SplitFractions, SplitSizes } from './seeded-shuffle.js';
export { DEFAULT_READ_BATCH_SIZE, readParquetTable } from './parquet-read.js';
export type { ReadParquetOptions } from './parquet-read.js';
export { readParquetFooterFromFile, readParquetFooterFromStore } from './parquet-footer.js';
export type { ParquetColumnInfo, ParquetFooter } from './parquet-footer.js';
export { Compression, DEFAULT_GZIP_LEVEL } from './parquet-codecs.js';
export { DEFAULT_PAGE_ROWS, ParquetWriter } from './parquet-writer.js';
export type { ParquetWriterOptions } from './parquet-writer.js';
export { PARQUET_WASM_FILE, ensureParquetWasm } from './parquet-wasm-init.js';
export type { RetryPolicyOptions } from './retry-policy.js';
