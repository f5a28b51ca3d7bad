/** Names of the environment variables that hold S3 credentials, for messages that tell users what to check. */
export const CREDENTIAL_ENV_VARS =
  'AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or S3_ACCESS_KEY / S3_SECRET_KEY)';

/** Base class of every object-storage error, so callers can catch the whole area at once. */
export class StorageError extends Error {
  override readonly name: string = 'StorageError';
}

/** An object key or bucket name that the store refuses before sending anything. */
export class InvalidKeyError extends StorageError {
  override readonly name = 'InvalidKeyError';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`invalid object key ${JSON.stringify(key)}: ${reason}`);
  }
}

export class InvalidBucketNameError extends StorageError {
  override readonly name = 'InvalidBucketNameError';
  constructor(
    readonly bucket: string,
    readonly reason: string,
  ) {
    super(`invalid bucket name ${JSON.stringify(bucket)}: ${reason}`);
  }
}

export class InvalidRangeError extends StorageError {
  override readonly name = 'InvalidRangeError';
  constructor(
    readonly range: string,
    readonly reason: string,
  ) {
    super(`invalid byte range ${range}: ${reason}`);
  }
}

export class BucketNotFoundError extends StorageError {
  override readonly name = 'BucketNotFoundError';
  constructor(
    readonly location: string,
    readonly bucket: string,
  ) {
    super(
      `bucket ${JSON.stringify(bucket)} does not exist at ${location}; create it with ensureBucket() first`,
    );
  }
}

export class ObjectNotFoundError extends StorageError {
  override readonly name = 'ObjectNotFoundError';
  constructor(
    readonly location: string,
    readonly bucket: string,
    readonly key: string,
  ) {
    super(`object ${bucket}/${key} does not exist at ${location}`);
  }
}

/** The server refused the credentials or the request (HTTP 403). Never carries the secret. */
export class StorageAuthError extends StorageError {
  override readonly name = 'StorageAuthError';
  constructor(
    readonly endpoint: string,
    readonly code: string,
    readonly operation: string,
  ) {
    super(
      code === 'AccessDenied'
        ? `S3 endpoint ${endpoint} denied ${operation} (AccessDenied): the credentials are valid but lack permission; check the user's bucket policy or use credentials from ${CREDENTIAL_ENV_VARS}`
        : `S3 endpoint ${endpoint} rejected the credentials during ${operation} (${code}): check ${CREDENTIAL_ENV_VARS} and that S3_ENDPOINT / AWS_ENDPOINT_URL points at the server those keys belong to`,
    );
  }
}

/** The endpoint could not be reached at all (connection refused, DNS failure, timeout). */
export class StorageUnreachableError extends StorageError {
  override readonly name = 'StorageUnreachableError';
  constructor(
    readonly endpoint: string,
    readonly code: string,
    readonly operation: string,
  ) {
    super(
      `S3 endpoint ${endpoint} is unreachable during ${operation} (${code}); check S3_ENDPOINT / AWS_ENDPOINT_URL and that the server is running`,
    );
  }
}

/** A request sent nothing and received nothing for the request timeout, on every attempt: a stalled server. */
export class StorageTimeoutError extends StorageError {
  override readonly name = 'StorageTimeoutError';
  constructor(
    readonly endpoint: string,
    readonly operation: string,
    readonly reason: string,
    readonly attempts: number,
  ) {
    super(
      `S3 endpoint ${endpoint} stalled during ${operation}: ${reason}, ${attempts} attempt${attempts === 1 ? '' : 's'}; ` +
        'check the server, or allow longer with CAPSTONE_S3_REQUEST_TIMEOUT_MS / CAPSTONE_S3_CONNECT_TIMEOUT_MS',
    );
  }
}

/** Any other failed storage request; `code` is the server's error code (RGW often sends an empty message). */
export class StorageRequestError extends StorageError {
  override readonly name = 'StorageRequestError';
  constructor(
    readonly location: string,
    readonly operation: string,
    readonly code: string,
    readonly status: number | undefined,
    readonly detail: string,
  ) {
    super(
      `${operation} failed at ${location}: ${code}${status === undefined ? '' : ` (HTTP ${status})`}${detail ? `: ${detail}` : ''}`,
    );
  }
}

/** The environment does not describe a usable object store. */
export class StorageConfigError extends StorageError {
  override readonly name = 'StorageConfigError';
  constructor(
    /** The environment variables (or run parameters) the problem is about. */
    readonly variables: readonly string[],
    readonly problem: string,
  ) {
    super(`object store configuration: ${problem} (settings: ${variables.join(', ')})`);
  }
}
