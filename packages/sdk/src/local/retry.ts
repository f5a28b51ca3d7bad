import type { CompiledRetryPolicy } from './pipeline-model.js';

/** Delay before retry `retry` (1-based): backoff × factor^(retry-1), capped at the maximum. */
export function backoffDelayMs(policy: CompiledRetryPolicy, retry: number): number {
  return Math.min(policy.backoffMs * policy.backoffFactor ** (retry - 1), policy.backoffMaxMs);
}

/** Resolves after `ms`, or early (with false) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
