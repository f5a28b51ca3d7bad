// Downloads over HTTP(S) and file://: resumable streams, retries, checksums.
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
export { redactUrl } from '../../secrets/index.js';
export type { RetryPolicyOptions } from './retry-policy.js';
