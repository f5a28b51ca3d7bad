import { isTerminalState, type KfpRun, type RunFromOptions, type WaitOptions } from '../../client/index.js';
import { UsageError } from '../command.js';
import type { KfpSession } from './session.js';

/** Run flags shared by `capstone run create` and `capstone submit` (names as in `kfp run create`). */
export const RUN_FLAGS = {
  param: { type: 'string', multiple: true },
  'experiment-name': { type: 'string', short: 'e' },
  experiment: { type: 'string' },
  'experiment-id': { type: 'string' },
  'run-name': { type: 'string', short: 'r' },
  'service-account': { type: 'string' },
  'pipeline-root': { type: 'string' },
  'enable-caching': { type: 'boolean' },
  'disable-caching': { type: 'boolean' },
  watch: { type: 'boolean', short: 'w' },
  wait: { type: 'boolean' },
  timeout: { type: 'string', short: 't' },
  poll: { type: 'string' },
} as const;

export const RUN_USAGE = `  k=v, --param k=v        run parameter (repeatable); typed by the pipeline's declared inputs
  -e, --experiment-name E  experiment (found or created; default $KF_PIPELINES_DEFAULT_EXPERIMENT_NAME, else
                           Default; $KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME replaces any name). Also --experiment
  --experiment-id ID       an existing experiment instead of a name
  -r, --run-name R         run display name (default: <pipeline> <UTC time>)
  --service-account SA     Kubernetes service account for the run's pods (default: the profile's default-editor)
  --pipeline-root URI      artifact root (default: the YAML's defaultPipelineRoot)
  -w, --watch, --wait      wait for the run to end, printing each state; exit 0 SUCCEEDED/SKIPPED, 1 otherwise
  -t, --timeout S          wait at most S seconds (implies --watch; the run keeps going)
  --poll S                 seconds between polls while waiting (default 5)`;

export interface RunFlagValues {
  readonly param?: readonly string[];
  readonly 'experiment-name'?: string;
  readonly experiment?: string;
  readonly 'experiment-id'?: string;
  readonly 'run-name'?: string;
  readonly 'service-account'?: string;
  readonly 'pipeline-root'?: string;
  readonly 'enable-caching'?: boolean;
  readonly 'disable-caching'?: boolean;
  readonly watch?: boolean;
  readonly wait?: boolean;
  readonly timeout?: string;
  readonly poll?: string;
}

/** The run flags, validated: what to pass to `startRun`, and whether and how to wait. */
export interface RunSettings {
  readonly run: Omit<RunFromOptions, 'signal' | 'now' | 'description'>;
  readonly watch: boolean;
  readonly wait: Pick<WaitOptions, 'timeoutMs' | 'pollIntervalMs'>;
}

/** `['a=1', 'b=x=y']` → `{ a: '1', b: 'x=y' }`; values stay strings until typed by the pipeline's inputs. */
export function parseParams(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`a parameter must be key=value, got '${pair}'`);
    const key = pair.slice(0, at);
    if (key in out) throw new UsageError(`parameter ${key} given twice`);
    out[key] = pair.slice(at + 1);
  }
  return out;
}

function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number of seconds, got '${value}'`);
  return n * 1000;
}

function caching(values: RunFlagValues): boolean | undefined {
  if (values['enable-caching'] && values['disable-caching']) {
    throw new UsageError('--enable-caching and --disable-caching contradict each other');
  }
  if (values['enable-caching']) return true;
  return values['disable-caching'] ? false : undefined;
}

function experimentName(values: RunFlagValues): string | undefined {
  const { experiment } = values;
  const named = values['experiment-name'];
  if (experiment !== undefined && named !== undefined && experiment !== named) {
    throw new UsageError('--experiment and --experiment-name name the same thing; give one');
  }
  const name = named ?? experiment;
  if (name !== undefined && values['experiment-id'] !== undefined) {
    throw new UsageError('give --experiment-name or --experiment-id, not both');
  }
  return name;
}

/** Validates the run flags once; `extraParams` are `k=v` positional arguments (the `kfp run create` form). */
export function readRunFlags(values: RunFlagValues, extraParams: readonly string[] = []): RunSettings {
  const timeoutMs = seconds('--timeout', values.timeout);
  const pollIntervalMs = seconds('--poll', values.poll);
  const watch = Boolean(values.watch || values.wait || timeoutMs !== undefined);
  if (!watch && pollIntervalMs !== undefined)
    throw new UsageError('--poll applies only with --watch or --timeout');
  const enableCaching = caching(values);
  const experiment = experimentName(values);
  const experimentId = values['experiment-id'];
  return {
    run: {
      parameters: parseParams([...extraParams, ...(values.param ?? [])]),
      ...(experiment !== undefined ? { experiment } : {}),
      ...(experimentId !== undefined ? { experimentId } : {}),
      ...(values['run-name'] ? { runName: values['run-name'] } : {}),
      ...(values['service-account'] ? { serviceAccount: values['service-account'] } : {}),
      ...(values['pipeline-root'] ? { pipelineRoot: values['pipeline-root'] } : {}),
      ...(enableCaching !== undefined ? { enableCaching } : {}),
    },
    watch,
    wait: { timeoutMs, pollIntervalMs },
  };
}

/** Exit code for a finished run: 0 when it SUCCEEDED or was SKIPPED, 1 otherwise (with the reason). */
export function finalState(session: KfpSession, run: KfpRun): number {
  const state = run.state ?? 'UNKNOWN';
  if (state === 'SUCCEEDED' || state === 'SKIPPED') {
    session.note(`run ${run.run_id} ${state}`);
    return 0;
  }
  const why = run.error?.message ? `: ${run.error.message}` : '';
  const terminal = isTerminalState(state) ? 'finished' : 'ended';
  session.warn(`run ${run.run_id} ${terminal} ${state}${why}\n${session.client.runUrl(run.run_id)}`);
  return 1;
}

/**
 * Waits for the run, printing each state change on its own line (readable in pod logs and CI). Returns the
 * final run, or undefined when interrupted (the run keeps going on the cluster).
 */
export async function watchRun(
  session: KfpSession,
  runId: string,
  wait: RunSettings['wait'],
): Promise<KfpRun | undefined> {
  let last = '';
  try {
    return await session.client.waitForRun(runId, {
      ...wait,
      signal: session.signal,
      onProgress: (run, elapsedMs) => {
        const state = run.state ?? 'UNKNOWN';
        if (state === last) return;
        last = state;
        session.note(`  ${String(Math.round(elapsedMs / 1000)).padStart(5)}s  ${state}`);
      },
    });
  } catch (error) {
    if (!session.signal.aborted) throw error;
    session.warn('stopped waiting; the run keeps going on the cluster');
    return undefined;
  }
}

/** The exit code when a wait was interrupted (Ctrl-C). */
export const INTERRUPTED = 130;
