import { describeFailure } from './retry-policy.js';

/** The server answered with a status that will not change by retrying (4xx other than 408/429). */
export class DownloadHttpError extends Error {
  override readonly name: string = 'DownloadHttpError';
  constructor(
    readonly url: string,
    readonly status: number,
    message = `GET ${url} failed with HTTP ${status}; expected 200 or 206`,
  ) {
    super(message);
  }
}

/** HTTP 404 or a missing `file://` path. */
export class DownloadNotFoundError extends DownloadHttpError {
  override readonly name = 'DownloadNotFoundError';
  constructor(url: string, status = 404) {
    super(url, status, `Nothing to download at ${url} (HTTP ${status}); check the URL or mirror`);
  }
}

/** HTTP 401/403: the URL needs credentials or a fresh signature. */
export class DownloadForbiddenError extends DownloadHttpError {
  override readonly name = 'DownloadForbiddenError';
  constructor(url: string, status = 403) {
    super(
      url,
      status,
      `Access denied to ${url} (HTTP ${status}); the link may have expired or need credentials`,
    );
  }
}

/** An HTML page arrived where binary data was expected (a login wall, a "file moved" page, a proxy error). */
export class UnexpectedHtmlError extends Error {
  override readonly name = 'UnexpectedHtmlError';
  constructor(
    readonly url: string,
    readonly contentType: string | undefined,
    /** How it was recognised: the `Content-Type` header, or the first bytes of the body. */
    readonly detectedBy: 'content-type' | 'body' = 'content-type',
  ) {
    const header = contentType ? `Content-Type ${contentType}` : 'no Content-Type header';
    const how =
      detectedBy === 'body'
        ? `the body starts with an HTML document (${header})`
        : `it answered with ${header}`;
    super(
      `Expected binary data from ${url} but received an HTML page: ${how}; ` +
        'the link probably points at a web page (a login or download page) rather than the file',
    );
  }
}

/** The body ended before the announced size and retries could not fetch the rest. */
export class TruncatedDownloadError extends Error {
  override readonly name = 'TruncatedDownloadError';
  constructor(
    readonly url: string,
    readonly expectedBytes: number,
    readonly receivedBytes: number,
    options?: ErrorOptions,
  ) {
    const why = options?.cause === undefined ? '' : `: ${describeFailure(options.cause)}`;
    super(
      `Download of ${url} stopped at ${receivedBytes} of ${expectedBytes} bytes after all retries${why}`,
      options,
    );
  }
}

/** The server announced a Content-Length that does not match the resource's real size. */
export class ContentLengthMismatchError extends Error {
  override readonly name = 'ContentLengthMismatchError';
  constructor(
    readonly url: string,
    readonly declaredBytes: number,
    readonly actualBytes: number,
  ) {
    super(`${url} announced Content-Length ${declaredBytes} but the resource has ${actualBytes} bytes`);
  }
}

/** A resumed request could not continue at the right offset (Range ignored, wrong Content-Range, file changed). */
export class ResumeRejectedError extends Error {
  override readonly name = 'ResumeRejectedError';
  constructor(
    readonly url: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`Cannot resume ${url} at byte ${offset}: ${reason}`);
  }
}

/** Network errors or 5xx answers kept coming after the last allowed attempt. */
export class RetriesExhaustedError extends Error {
  override readonly name = 'RetriesExhaustedError';
  constructor(
    readonly url: string,
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(`GET ${url} still failing after ${attempts} attempts: ${describeFailure(options?.cause)}`, options);
  }
}

/** The downloaded bytes do not have the expected digest; the file was deleted. */
export class ChecksumMismatchError extends Error {
  override readonly name = 'ChecksumMismatchError';
  constructor(
    readonly url: string,
    readonly algorithm: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `Checksum mismatch for ${url}: expected ${algorithm} ${expected}, got ${actual}; the download was deleted`,
    );
  }
}

/** A checksum parameter or sidecar file could not be understood, or a required sidecar is missing. */
export class ChecksumFormatError extends Error {
  override readonly name = 'ChecksumFormatError';
}

/** A download URL that cannot be fetched at all: empty, relative, or of an unsupported protocol. */
export class InvalidDownloadUrlError extends Error {
  override readonly name = 'InvalidDownloadUrlError';
  constructor(
    /** What the URL is, for the message: `parameter url`, `download URL`. */
    readonly subject: string,
    /** The value, redacted. */
    readonly value: string,
    readonly reason: string,
  ) {
    super(
      `${subject} ${JSON.stringify(value)} is not usable: ${reason}; expected an absolute http://, https:// or file:// URL`,
    );
  }
}

/** A download setting from the environment is not a whole number. */
export class FetchSettingsError extends Error {
  override readonly name = 'FetchSettingsError';
  constructor(
    readonly variable: string,
    readonly value: string,
  ) {
    super(`${variable}=${JSON.stringify(value)} is not a whole number of at least 1`);
  }
}
