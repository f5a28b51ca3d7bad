import {
  BucketNotFoundError,
  InvalidRangeError,
  ObjectNotFoundError,
  StorageAuthError,
  StorageError,
  StorageRequestError,
  StorageTimeoutError,
  StorageUnreachableError,
} from './storage-errors.js';
import { describeS3Failure, networkFailure, type SdkErrorShape } from './s3-retry.js';

/** Where a failed request was going; used to name the object and endpoint in the mapped error. */
export interface S3ErrorContext {
  readonly endpoint: string;
  readonly operation: string;
  readonly bucket: string;
  readonly key?: string;
  /** Named in timeout messages. */
  readonly requestTimeoutMs?: number;
}

const AUTH_CODES = new Set(['SignatureDoesNotMatch', 'InvalidAccessKeyId', 'AccessDenied', 'InvalidToken']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'TimeoutError',
]);

function networkCode(error: SdkErrorShape): string | undefined {
  for (let current: SdkErrorShape | undefined = error, depth = 0; current && depth < 4; depth += 1) {
    if (current.code && NETWORK_CODES.has(current.code)) return current.code;
    if (current.name && NETWORK_CODES.has(current.name)) return current.name;
    current = current.cause as SdkErrorShape | undefined;
  }
  return undefined;
}

/** The S3 error code (RGW often sends an empty message, so we branch on the code and the HTTP status). */
export function s3ErrorCode(error: unknown): { readonly code: string; readonly status: number | undefined } {
  const shape = (error ?? {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  const code = shape.Code ?? shape.name ?? shape.code ?? 'UnknownError';
  return { code: code === 'Error' || code === 'UnknownError' ? `HTTP${status ?? ''}` : code, status };
}

/** Turns an AWS SDK (or network) error into one of the storage error classes. Never includes credentials. */
export function mapS3Error(error: unknown, context: S3ErrorContext): Error {
  if (error instanceof StorageError) return error;
  const { endpoint, operation, bucket, key } = context;
  const attempts = Number((error as { $attempts?: unknown }).$attempts ?? 1);
  const noAnswer = (error as SdkErrorShape).$metadata?.httpStatusCode === undefined;
  if (noAnswer && networkFailure(error) === 'TimeoutError') {
    return new StorageTimeoutError(
      endpoint,
      operation,
      describeS3Failure(error, context.requestTimeoutMs),
      attempts,
    );
  }
  const tries = attempts > 1 ? `after ${attempts} attempts` : '';
  const network = networkCode(error as SdkErrorShape) ?? networkFailure(error);
  if (network && noAnswer) {
    // A reset mid-request reached the server: it is not "unreachable".
    if (network === 'ECONNRESET' || network === 'EPIPE') {
      const detail = [describeS3Failure(error), tries].filter(Boolean).join(', ');
      return new StorageRequestError(endpoint, operation, network, undefined, detail);
    }
    return new StorageUnreachableError(endpoint, network, operation);
  }
  const { code, status } = s3ErrorCode(error);
  if (AUTH_CODES.has(code) || status === 403)
    return new StorageAuthError(
      endpoint,
      status === 403 && !AUTH_CODES.has(code) ? `HTTP 403 ${code}` : code,
      operation,
    );
  if (code === 'NoSuchBucket') return new BucketNotFoundError(endpoint, bucket);
  if (key !== undefined && (code === 'NoSuchKey' || code === 'NotFound' || status === 404)) {
    return new ObjectNotFoundError(endpoint, bucket, key);
  }
  if (code === 'InvalidRange' || status === 416) {
    return new InvalidRangeError(
      `for ${bucket}/${key ?? ''}`,
      'the range starts at or past the end of the object',
    );
  }
  const message = (error as SdkErrorShape).message ?? '';
  const detail = message && message !== code && !message.startsWith('UnknownError') ? message : '';
  return new StorageRequestError(
    endpoint,
    operation,
    code,
    status,
    [detail, tries].filter(Boolean).join('; '),
  );
}
