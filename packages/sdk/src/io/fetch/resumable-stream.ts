import { Readable } from 'node:stream';
import {
  ResumeRejectedError,
  RetriesExhaustedError,
  TruncatedDownloadError,
  UnexpectedHtmlError,
} from './download-errors.js';
import { httpGet } from './http-get.js';
import { checkResumedTotal, looksLikeHtml, planResponse, type ResponsePlan } from './http-response.js';
import { redactUrl } from '../../secrets/index.js';
import { openFileStream } from './file-stream.js';
import { parseDownloadUrl, readFetchSettings, type FetchSettings } from './fetch-settings.js';
import {
  createRetryPolicy,
  describeFailure,
  isTransient,
  TransientError,
  type RetryPolicy,
  type RetryPolicyOptions,
} from './retry-policy.js';

export interface RetryEvent {
  /** The URL, redacted. */
  readonly url: string;
  /** Failures in a row so far (1 on the first retry); the next attempt is `failures + 1`. */
  readonly failures: number;
  readonly maxAttempts: number;
  readonly delayMs: number;
  /** Byte offset the next request starts at. */
  readonly offset: number;
  readonly reason: string;
}

/** `retrying GET <url> (2/6) from byte 1048576 after the connection was reset (ECONNRESET); waiting 0.5 s`. */
export function describeRetry(event: RetryEvent): string {
  const from = event.offset > 0 ? ` from byte ${event.offset}` : '';
  return (
    `retrying GET ${event.url} (${event.failures + 1}/${event.maxAttempts})${from} after ${event.reason}; ` +
    `waiting ${(event.delayMs / 1000).toFixed(1)} s`
  );
}

export interface ResumableStreamOptions extends RetryPolicyOptions {
  /** Where unset timeouts and `maxAttempts` come from (`FETCH_ENV`); default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Time allowed to connect; default `CAPSTONE_HTTP_CONNECT_TIMEOUT_MS` or 30 s. */
  readonly connectTimeoutMs?: number;
  /** What the URL is, for messages about a malformed one: e.g. `parameter url`. */
  readonly urlName?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Start at this byte (resuming a partial file); needs `ifRange` to be safe against a changed file. */
  readonly startAt?: number;
  /** Validator (ETag or Last-Modified) of the bytes already held; a changed resource then restarts at 0. */
  readonly ifRange?: string;
  /** Fail on HTML pages (Content-Type or body sniffing). Default true. */
  readonly expectBinary?: boolean;
  readonly signal?: AbortSignal;
  readonly onRetry?: (event: RetryEvent) => void;
  /**
   * Time allowed without a byte (waiting for headers or between body chunks) before the connection counts as
   * dropped; default `CAPSTONE_HTTP_IDLE_TIMEOUT_MS` or 60 s.
   */
  readonly bodyTimeoutMs?: number;
}

/** An open download whose body survives dropped connections by re-requesting the missing range. */
export interface ResumableStream {
  readonly body: Readable;
  /** The URL with credentials and query values masked; safe for logs. */
  readonly displayUrl: string;
  /** Offset of the first byte `body` yields: `startAt`, or 0 when the server could not resume. */
  readonly startAt: number;
  readonly totalBytes: number | undefined;
  readonly validator: string | undefined;
  readonly contentType: string | undefined;
  /** Requests sent so far, retries and resumes included. */
  requests(): number;
}

/** Explicit options win over the environment, which wins over the defaults. */
function resolveSettings(options: ResumableStreamOptions): FetchSettings {
  const fromEnv = readFetchSettings(options.env ?? process.env);
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? fromEnv.connectTimeoutMs,
    idleTimeoutMs: options.bodyTimeoutMs ?? fromEnv.idleTimeoutMs,
    maxAttempts: options.maxAttempts ?? fromEnv.maxAttempts,
  };
}

/**
 * Opens `url` (http, https or file) as a byte stream. Network errors, early ends and 5xx answers are retried
 * with exponential back-off, continuing with `Range: bytes=N-` and `If-Range` so a changed file is never
 * spliced; if the server cannot continue mid-stream the body fails with `ResumeRejectedError`.
 * The returned promise rejects with the typed error for 404/403/HTML and after exhausted retries.
 */
export async function openResumableStream(
  url: string | URL,
  options: ResumableStreamOptions = {},
): Promise<ResumableStream> {
  const parsed = parseDownloadUrl(url, options.urlName);
  if (parsed.protocol === 'file:') return openFileStream(parsed.href, options);
  return new HttpResumable(parsed.href, options, resolveSettings(options)).open();
}

class HttpResumable {
  private readonly displayUrl: string;
  private readonly policy: RetryPolicy;
  private readonly expectBinary: boolean;
  private sent = 0;
  private failures = 0;
  private offset: number;
  private total: number | undefined;
  private validator: string | undefined;

  constructor(
    private readonly url: string,
    private readonly options: ResumableStreamOptions,
    private readonly settings: FetchSettings,
  ) {
    this.displayUrl = redactUrl(url);
    this.policy = createRetryPolicy({ ...options, maxAttempts: settings.maxAttempts });
    this.expectBinary = options.expectBinary ?? true;
    this.offset = options.startAt ?? 0;
    this.validator = options.startAt ? options.ifRange : undefined;
  }

  async open(): Promise<ResumableStream> {
    const first = await this.requestWithRetries(true);
    this.offset = first.plan.start;
    this.total = first.plan.total;
    this.validator = first.plan.validator;
    const startAt = this.offset;
    const chunks = this.pump(first.body, startAt === 0 && this.expectBinary, first.plan.contentType);
    return {
      body: Readable.from(chunks, { objectMode: false, highWaterMark: 1 << 20 }),
      displayUrl: this.displayUrl,
      startAt,
      totalBytes: this.total,
      validator: first.plan.validator,
      contentType: first.plan.contentType,
      requests: () => this.sent,
    };
  }

  private async *pump(
    firstBody: Readable,
    sniff: boolean,
    contentType: string | undefined,
  ): AsyncGenerator<Buffer> {
    let body = firstBody;
    for (;;) {
      let progressed = false;
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          if (sniff && looksLikeHtml(chunk))
            throw new UnexpectedHtmlError(this.displayUrl, contentType, 'body');
          sniff = false;
          this.offset += chunk.length;
          progressed = true;
          yield chunk;
        }
        if (this.total === undefined || this.offset >= this.total) return;
        throw new TransientError(`body ended at byte ${this.offset} of ${this.total}`);
      } catch (error) {
        body.destroy();
        if (!isTransient(error)) throw error;
        if (progressed) this.failures = 0;
        await this.backOff(error);
        body = (await this.requestWithRetries(false)).body;
      }
    }
  }

  /** Sends one logical request, retrying transient failures; `initial` allows a clean restart at 0. */
  private async requestWithRetries(initial: boolean): Promise<{ plan: ResponsePlan; body: Readable }> {
    for (;;) {
      try {
        return await this.requestOnce(initial);
      } catch (error) {
        if (!isTransient(error)) throw error;
        await this.backOff(error);
      }
    }
  }

  private async requestOnce(initial: boolean): Promise<{ plan: ResponsePlan; body: Readable }> {
    const offset = this.offset;
    const headers: Record<string, string> = { 'accept-encoding': 'identity', ...this.options.headers };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    if (offset > 0 && this.validator) headers['if-range'] = this.validator;
    this.sent += 1;
    const response = await httpGet(this.url, {
      headers,
      settings: this.settings,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
    });
    const status = response.statusCode ?? 0;
    let plan: ResponsePlan;
    try {
      plan = planResponse(this.displayUrl, status, response.headers, offset, this.expectBinary);
      if (!plan.complete && plan.start !== offset && !(initial && plan.start === 0)) {
        throw new ResumeRejectedError(this.displayUrl, offset, describeRestart(status, plan.start));
      }
      if (!initial) checkResumedTotal(this.displayUrl, this.total, plan);
    } catch (error) {
      response.destroy();
      throw error;
    }
    if (plan.complete) {
      response.destroy();
      return { plan, body: Readable.from([]) };
    }
    return { plan, body: response };
  }

  private async backOff(error: unknown): Promise<void> {
    this.failures += 1;
    if (this.failures >= this.policy.maxAttempts) {
      if (this.total !== undefined && this.offset > 0 && this.offset < this.total) {
        throw new TruncatedDownloadError(this.displayUrl, this.total, this.offset, { cause: error });
      }
      throw new RetriesExhaustedError(this.displayUrl, this.failures, { cause: error });
    }
    const retryAfter = error instanceof TransientError ? error.retryAfterSeconds : undefined;
    const delayMs = this.policy.delayFor(this.failures, retryAfter);
    const reason = describeFailure(error);
    this.options.onRetry?.({
      url: this.displayUrl,
      failures: this.failures,
      maxAttempts: this.policy.maxAttempts,
      delayMs,
      offset: this.offset,
      reason,
    });
    await this.policy.sleep(delayMs);
  }
}

function describeRestart(status: number, start: number): string {
  if (status === 200)
    return 'the server sent the whole file (Range ignored or the file changed since the first byte)';
  return `the server answered from byte ${start}`;
}
