// Downloads over HTTP(S) and file://: resumable streams, retries, checksums.
export { downloadFile, partPathFor } from './download.js';
export type { DownloadOptions, DownloadResult } from './download.js';
export { describeRetry, openResumableStream } from './resumable-stream.js';
export { DEFAULT_FETCH_SETTINGS, FETCH_ENV, parseDownloadUrl, readFetchSettings } from './fetch-settings.js';
export type { FetchSettings } from './fetch-settings.js';
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
  FetchSettingsError,
  InvalidDownloadUrlError,
  ResumeRejectedError,
  RetriesExhaustedError,
  TruncatedDownloadError,
  UnexpectedHtmlError,
} from './download-errors.js';
export { redactUrl } from '../../secrets/index.js';
export type { RetryPolicyOptions } from './retry-policy.js';
