import { redact } from '../secrets/index.js';

/**
 * Base of every error the KFP client throws. Messages pass through `redact` (URL user info, signed query
 * parameters, bearer tokens); the transport also masks the token or cookie in use before building them.
 */
export class KfpError extends Error {
  override readonly name: string = 'KfpError';
  constructor(message: string, options?: ErrorOptions) {
    super(redact(message), options);
  }
}

/** The server answered with a non-2xx status. */
export class KfpHttpError extends KfpError {
  override readonly name: string = 'KfpHttpError';
  constructor(
    readonly operation: string,
    readonly status: number,
    /** The server's own message (googleRpcStatus `message`, or the response text). */
    readonly serverMessage: string,
    readonly url: string,
    hint = '',
  ) {
    super(`${operation} failed: HTTP ${status} from ${url}: ${serverMessage || '(empty response)'}${hint}`);
  }
}

/** 400: the server rejected the request (bad parameters, invalid pipeline spec, ...). */
export class KfpBadRequestError extends KfpHttpError {
  override readonly name = 'KfpBadRequestError';
}

/** 401/403: missing, expired or insufficient credentials. */
export class KfpAuthError extends KfpHttpError {
  override readonly name = 'KfpAuthError';
}

/** 404: no such pipeline, version, experiment or run. */
export class KfpNotFoundError extends KfpHttpError {
  override readonly name = 'KfpNotFoundError';
}

/** 409: the resource already exists. */
export class KfpConflictError extends KfpHttpError {
  override readonly name = 'KfpConflictError';
}

/** 5xx: the server failed. */
export class KfpServerError extends KfpHttpError {
  override readonly name = 'KfpServerError';
}

/** The server could not be reached at all (DNS, connection refused, TLS). */
export class KfpNetworkError extends KfpError {
  override readonly name = 'KfpNetworkError';
  constructor(
    readonly operation: string,
    readonly host: string,
    readonly reason: string,
  ) {
    super(
      `${operation} failed: cannot reach KFP at ${host} (${reason}); check KF_PIPELINES_ENDPOINT / --host`,
    );
  }
}

/** The credentials could not be loaded (e.g. the service-account token file is missing). */
export class KfpCredentialsError extends KfpError {
  override readonly name = 'KfpCredentialsError';
}

/** The client was configured with a bad value (host, poll interval, ...). */
export class KfpConfigError extends KfpError {
  override readonly name = 'KfpConfigError';
}

/** The server answered 2xx with something that is not the expected JSON. */
export class KfpResponseError extends KfpError {
  override readonly name = 'KfpResponseError';
}

/** `waitForRun` gave up before the run reached a terminal state. */
export class KfpWaitTimeoutError extends KfpError {
  override readonly name = 'KfpWaitTimeoutError';
  constructor(
    readonly runId: string,
    readonly lastState: string,
    readonly timeoutMs: number,
  ) {
    super(`run ${runId} still ${lastState} after ${timeoutMs / 1000}s; it keeps running on the cluster`);
  }
}

/** Used when the transport gives no hint of its own (it passes one naming its token source and namespace). */
const DEFAULT_AUTH_HINT =
  '; set KF_PIPELINES_TOKEN or KF_PIPELINES_COOKIE, or mount the service-account token (access-ml-pipeline PodDefault)';

/** The backend's upload handler answers an authorization failure with a bare 400 and one of these texts. */
const BARE_UPLOAD_FAILURE = /^Failed to create a pipeline( version)?\.?$/;
const UNAUTHORIZED_TEXT =
  /not authorized|PermissionDenied|Unauthenticated|user identity header|Failed to authorize|Authorization Failure/i;

/**
 * Whether a failure means "not authorized": 401/403, or a 400 that says so or that carries the upload
 * handler's bare message (it gives no other detail for an authorization failure).
 */
export function looksUnauthorized(operation: string, status: number, serverMessage: string): boolean {
  if (status === 401 || status === 403) return true;
  if (status !== 400) return false;
  if (UNAUTHORIZED_TEXT.test(serverMessage)) return true;
  return operation.startsWith('upload') && BARE_UPLOAD_FAILURE.test(serverMessage.trim());
}

/** Maps an HTTP status to its error class; "not authorized" failures get `authHint` appended. */
export function httpError(
  operation: string,
  status: number,
  serverMessage: string,
  url: string,
  authHint = DEFAULT_AUTH_HINT,
): KfpHttpError {
  const hint = looksUnauthorized(operation, status, serverMessage) ? authHint : '';
  if (status === 400) return new KfpBadRequestError(operation, status, serverMessage, url, hint);
  if (status === 401 || status === 403) return new KfpAuthError(operation, status, serverMessage, url, hint);
  if (status === 404) return new KfpNotFoundError(operation, status, serverMessage, url);
  if (status === 409) return new KfpConflictError(operation, status, serverMessage, url);
  if (status >= 500) return new KfpServerError(operation, status, serverMessage, url);
  return new KfpHttpError(operation, status, serverMessage, url);
}
