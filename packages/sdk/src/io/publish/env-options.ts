// Publish options a component reads from its environment (validated here, once, at the entry point).
import type { PublishOptions } from './publish.js';
import { PublishError } from './publish-errors.js';

/** Names of the variables `publishOptionsFromEnv` reads. */
export const PUBLISH_ENV = {
  /** Set by the local runner for every task; names the run in leases and manifests. */
  runId: 'CAPSTONE_RUN_ID',
  /** Set by the local runner: a lease whose runner is gone (same host) is stale at once. */
  runnerPid: 'CAPSTONE_RUNNER_PID',
  ttlSeconds: 'CAPSTONE_LEASE_TTL_SECONDS',
  waitSeconds: 'CAPSTONE_LEASE_WAIT_SECONDS',
} as const;

/** Run id, runner pid, lease TTL and wait from `env`; a malformed number is refused naming the variable. */
export function publishOptionsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<PublishOptions, 'runId' | 'runnerPid' | 'ttlMs' | 'waitMs'> {
  const seconds = (name: string, min: number): number | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min)
      throw new PublishError(`${name} must be a number of seconds of at least ${min}, got '${text}'`);
    return value * 1000;
  };
  const pidText = env[PUBLISH_ENV.runnerPid];
  const runnerPid = pidText && /^\d+$/.test(pidText) ? Number(pidText) : undefined;
  const ttlMs = seconds(PUBLISH_ENV.ttlSeconds, 1);
  const waitMs = seconds(PUBLISH_ENV.waitSeconds, 0);
  const runId = env[PUBLISH_ENV.runId];
  return {
    ...(runId ? { runId } : {}),
    ...(runnerPid ? { runnerPid } : {}),
    ...(ttlMs !== undefined ? { ttlMs } : {}),
    ...(waitMs !== undefined ? { waitMs } : {}),
  };
}
