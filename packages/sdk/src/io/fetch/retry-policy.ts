import { setTimeout as delay } from 'node:timers/promises';
import { jitteredBackoffMs } from '../../util/backoff.js';

export interface RetryPolicyOptions {
  /** Attempts in a row without progress before giving up (first try included). Default 6. */
  readonly maxAttempts?: number;
  /** First back-off delay. Default 500 ms; doubles up to `maxDelayMs` (default 30 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injectable for tests; defaults to a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Returns 0..1; spreads retries of many clients apart. Defaults to `Math.random`. */
  readonly random?: () => number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** Delay before attempt `failures + 1`, honouring a server's Retry-After (seconds) when given. */
  delayFor(failures: number, retryAfterSeconds?: number): number;
  sleep(ms: number): Promise<void>;
}

export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  return {
    maxAttempts: Math.max(1, options.maxAttempts ?? 6),
    delayFor(failures, retryAfterSeconds) {
      const jittered = jitteredBackoffMs(failures, initial, max, random);
      const serverAsked = retryAfterSeconds === undefined ? 0 : Math.min(max, retryAfterSeconds * 1000);
      return Math.round(Math.max(jittered, serverAsked));
    },
    sleep: options.sleep ?? ((ms) => delay(ms)),
  };
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'CAPSTONE_CONNECT_TIMEOUT',
  'CAPSTONE_HEADERS_TIMEOUT',
  'CAPSTONE_BODY_TIMEOUT',
  'CAPSTONE_NO_ANSWER',
]);

const REASONS: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection broke while sending',
  ETIMEDOUT: 'the connection timed out',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ERR_STREAM_PREMATURE_CLOSE: 'the server closed the connection early',
  CAPSTONE_CONNECT_TIMEOUT: 'no connection within the connect timeout',
  CAPSTONE_HEADERS_TIMEOUT: 'no response headers within the idle timeout (the server stalled)',
  CAPSTONE_BODY_TIMEOUT: 'no data within the idle timeout (the server stalled mid-body)',
  CAPSTONE_NO_ANSWER: 'the server closed the connection early, before answering',
};

/** A failure in words: `the connection was reset (ECONNRESET)`, `HTTP 503`, or the error's own message. */
export function describeFailure(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && REASONS[code]) return `${REASONS[code]} (${code})`;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A failure worth retrying: a 5xx/408/429 answer or a body that ended early. */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Network-level failures and `TransientError`s are retried; everything else (4xx, HTML, aborts) is final. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransient(cause);
}

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
