import { setTimeout as sleep } from 'node:timers/promises';
import { KfpConfigError, KfpNetworkError, KfpServerError, KfpWaitTimeoutError } from './errors.js';
import { isTerminalState, type KfpRun } from './kfp-types.js';

export interface WaitOptions {
  /** Time between polls (default 5 s). */
  readonly pollIntervalMs?: number;
  /** Give up after this long with `KfpWaitTimeoutError` (default: wait forever). The run keeps going. */
  readonly timeoutMs?: number;
  /** Stops waiting (not the run) and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after every poll with the run and the time waited so far. */
  readonly onProgress?: (run: KfpRun, elapsedMs: number) => void;
  /** Polls that may fail in a row (5xx, network) before giving up (default 3). */
  readonly maxConsecutiveErrors?: number;
  readonly now?: () => number;
}

function checkOptions(options: WaitOptions): void {
  const { pollIntervalMs, timeoutMs } = options;
  if (pollIntervalMs !== undefined && !(pollIntervalMs >= 0)) {
    throw new KfpConfigError(`pollIntervalMs must be >= 0, got ${pollIntervalMs}`);
  }
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
    throw new KfpConfigError(`timeoutMs must be >= 0, got ${timeoutMs}`);
  }
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof KfpServerError || error instanceof KfpNetworkError;
}

/** Polls `getRun` until the run reaches a terminal state. */
export async function waitForRun(
  getRun: (signal?: AbortSignal) => Promise<KfpRun>,
  runId: string,
  options: WaitOptions = {},
): Promise<KfpRun> {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const interval = options.pollIntervalMs ?? 5000;
  const maxErrors = options.maxConsecutiveErrors ?? 3;
  const start = now();
  const deadline = options.timeoutMs === undefined ? Infinity : start + options.timeoutMs;
  let lastState = 'UNKNOWN';
  let errors = 0;
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason;
    try {
      const run = await getRun(options.signal);
      errors = 0;
      lastState = run.state ?? 'RUNTIME_STATE_UNSPECIFIED';
      options.onProgress?.(run, now() - start);
      if (isTerminalState(run.state)) return run;
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      errors += 1;
      if (!isTransient(error) || errors > maxErrors) throw error;
    }
    const remaining = deadline - now();
    if (remaining <= 0) throw new KfpWaitTimeoutError(runId, lastState, options.timeoutMs ?? 0);
    await pause(Math.min(interval, remaining), options.signal);
  }
}
