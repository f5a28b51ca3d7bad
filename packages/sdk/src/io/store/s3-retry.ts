// Retries S3 requests with exponential back-off, logging each one: `retrying PUT b/key (2/5) after 503 SlowDown`.
import type { S3Client } from '@aws-sdk/client-s3';
import { setTimeout as delay } from 'node:timers/promises';
import { jitteredBackoffMs } from '../../util/backoff.js';

export interface S3RetryOptions {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  readonly log: (line: string) => void;
  /** First back-off delay (default 200 ms), doubling up to `maxDelayMs` (default 10 s), with jitter. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Named in timeout messages: how long a request may go without a byte. */
  readonly requestTimeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** What AWS SDK and network errors look like, as far as mapping and retrying care. */
export interface SdkErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly Code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly cause?: unknown;
}

const RETRYABLE_CODES = new Set([
  'SlowDown',
  'RequestTimeout',
  'InternalError',
  'ServiceUnavailable',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'BandwidthLimitExceeded',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/** The network code or `TimeoutError` of a request that never got an answer, searching the cause chain. */
export function networkFailure(error: unknown): string | undefined {
  for (let current = error as SdkErrorShape | undefined, depth = 0; current && depth < 4; depth += 1) {
    // The SDK's HTTP handler names ECONNRESET and EPIPE errors `TimeoutError` too: the code tells them apart.
    if (current.code && NETWORK_CODES.has(current.code)) return current.code;
    if (current.name === 'TimeoutError') return 'TimeoutError';
    if (current.message && /socket hang up/i.test(current.message)) return 'ECONNRESET';
    current = current.cause as SdkErrorShape | undefined;
  }
  return undefined;
}

/** 5xx, 408, 429, throttling codes and network failures are worth another attempt; other errors are final. */
export function isRetryableS3Error(error: unknown): boolean {
  const shape = (error ?? {}) as SdkErrorShape;
  if (shape.name === 'AbortError') return false;
  const status = shape.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 408 || status === 429)) return true;
  if (RETRYABLE_CODES.has(shape.Code ?? shape.name ?? '')) return true;
  return status === undefined && networkFailure(error) !== undefined;
}

/** `503 SlowDown`, `the connection was reset (ECONNRESET)`, `no answer for 60 s (request timeout)`. */
export function describeS3Failure(error: unknown, requestTimeoutMs?: number): string {
  const shape = (error ?? {}) as SdkErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  const network = networkFailure(error);
  if (status === undefined && network === 'TimeoutError') {
    const within = requestTimeoutMs ? ` for ${requestTimeoutMs / 1000} s` : '';
    return /establish a connection/i.test(shape.message ?? '')
      ? 'no connection within the connect timeout (TimeoutError)'
      : `no bytes sent or received${within} (request timeout)`;
  }
  if (status === undefined && network === 'ECONNRESET') return 'the connection was reset (ECONNRESET)';
  if (status === undefined && network === 'ECONNREFUSED') return 'the connection was refused (ECONNREFUSED)';
  if (status === undefined && network) return network;
  const code = shape.Code ?? shape.name ?? 'error';
  return status === undefined
    ? code
    : `${status} ${code === 'Error' || code === 'UnknownError' ? '' : code}`.trim();
}

interface CommandInput {
  readonly Bucket?: string;
  readonly Key?: string;
  readonly Prefix?: string;
  readonly PartNumber?: number;
}

function target(input: CommandInput): string {
  const path = [input.Bucket, input.Key ?? input.Prefix].filter((part) => part !== undefined && part !== '');
  const part = input.PartNumber === undefined ? '' : ` part ${input.PartNumber}`;
  return `${path.join('/')}${part}`;
}

interface HandlerArgs {
  readonly input: object;
  readonly request: unknown;
}

/** Bodies that can be sent again as they are; a stream would be half consumed. */
function isReplayable(body: unknown): boolean {
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
}

/**
 * Installs the retry loop between the SDK's own (single-attempt) retry step and request signing, so every
 * attempt is signed afresh. The attempt count is recorded on the final error as `$attempts`.
 */
export function installS3Retries(client: S3Client, options: S3RetryOptions): void {
  const initial = options.initialDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const middleware =
    (next: (args: HandlerArgs) => Promise<unknown>, context: { readonly commandName?: string }) =>
    async (args: HandlerArgs): Promise<unknown> => {
      const request = args.request as { method?: string; body?: unknown };
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await next(args);
        } catch (error) {
          const final =
            attempt >= options.maxAttempts || !isRetryableS3Error(error) || !isReplayable(request.body);
          if (final) {
            if (error instanceof Error) Object.assign(error, { $attempts: attempt });
            throw error;
          }
          const wait = Math.round(jitteredBackoffMs(attempt, initial, max, random));
          const method = request.method ?? context.commandName ?? 'request';
          options.log(
            `retrying ${method} ${target(args.input)} (${attempt + 1}/${options.maxAttempts}) ` +
              `after ${describeS3Failure(error, options.requestTimeoutMs)}; waiting ${(wait / 1000).toFixed(1)} s`,
          );
          await sleep(wait);
        }
      }
    };
  // The stack's types are a union over every step; this middleware is a finalizeRequest one.
  client.middlewareStack.addRelativeTo(middleware as never, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'capstoneRetryMiddleware',
    override: true,
  });
}
