import { randomUUID } from 'node:crypto';
import { summariseSpec } from '../src/client/pipeline-file.js';
import { isTerminalState } from '../src/client/kfp-types.js';
import { FakeKfpError, type FakeKfpStore, type StoredRun } from './fake-kfp-store.js';

// Runs in the fake KFP API: creation from a stored version or an inline spec, scripted state changes, and
// the lifecycle actions (terminate, retry, archive, unarchive, delete) with the backend's preconditions.

export type CreateRunBody = Omit<
  StoredRun,
  'run_id' | 'state' | 'storage_state' | 'created_at' | 'script' | 'step' | 'experiment_id'
> & { experiment_id?: string };

function storedVersionFor(
  store: FakeKfpStore,
  reference: NonNullable<CreateRunBody['pipeline_version_reference']>,
) {
  store.pipeline(reference.pipeline_id);
  const candidates = store.versions.filter((v) => v.pipeline_id === reference.pipeline_id);
  const version = reference.pipeline_version_id
    ? candidates.find((v) => v.pipeline_version_id === reference.pipeline_version_id)
    : candidates.at(-1);
  if (!version)
    throw new FakeKfpError(404, `Not found: pipeline version ${reference.pipeline_version_id ?? ''}`);
  return version;
}

function inlineParameterNames(spec: unknown): string[] {
  try {
    return Object.keys(summariseSpec(spec, 'pipeline_spec').parameterTypes);
  } catch (error) {
    throw new FakeKfpError(400, `Invalid input error: ${(error as Error).message}`);
  }
}

/** Creates a run; like the backend, parameters the pipeline does not declare are rejected. */
export function createRun(store: FakeKfpStore, body: CreateRunBody): StoredRun {
  const experiment = body.experiment_id ? store.experiment(body.experiment_id) : store.defaultExperiment();
  const reference = body.pipeline_version_reference;
  const version = reference ? storedVersionFor(store, reference) : undefined;
  const declared = version ? version.parameterNames : inlineParameterNames(body.pipeline_spec);
  for (const name of Object.keys(body.runtime_config?.parameters ?? {})) {
    if (!declared.includes(name)) {
      throw new FakeKfpError(400, `Invalid input error: unrecognized input parameter '${name}'`);
    }
  }
  const run: StoredRun = {
    ...body,
    run_id: randomUUID(),
    experiment_id: experiment.experiment_id,
    ...(version
      ? {
          pipeline_version_reference: {
            pipeline_id: version.pipeline_id,
            pipeline_version_id: version.pipeline_version_id,
          },
        }
      : {}),
    state: 'PENDING',
    storage_state: 'AVAILABLE',
    created_at: store.now(),
    script: [],
    step: 0,
  };
  run.script = store.defaultScript(run);
  advance(store, run);
  store.runs.push(run);
  return run;
}

/** Moves a run to the next state of its script (the last state sticks). */
export function advance(store: FakeKfpStore, run: StoredRun): void {
  const state = run.script[Math.min(run.step, run.script.length - 1)] ?? 'SUCCEEDED';
  run.step += 1;
  run.state = state;
  if (isTerminalState(state) && !run.finished_at) {
    run.finished_at = store.now();
    if (state === 'FAILED')
      run.error = { code: 2, message: `run ${run.display_name} failed: task exited with code 1` };
  }
}

function restart(run: StoredRun, script: StoredRun['script']): void {
  run.script = script;
  run.step = 0;
  delete run.finished_at;
  delete run.error;
}

export type FakeRunAction = 'terminate' | 'retry' | 'archive' | 'unarchive';

export function runAction(store: FakeKfpStore, runId: string, action: FakeRunAction): void {
  const run = store.run(runId);
  switch (action) {
    case 'terminate':
      // A finished run has nothing to stop; the backend answers OK and leaves it as it is.
      if (!isTerminalState(run.state)) restart(run, ['CANCELING', 'CANCELED']);
      return;
    case 'retry':
      // Argo retries only a failed workflow (a terminated run is a failed workflow).
      if (run.state !== 'FAILED' && run.state !== 'CANCELED') {
        throw new FakeKfpError(
          500,
          `Internal error: Failed to retry run ${runId} as it does not allow retries`,
        );
      }
      restart(run, ['RUNNING', 'SUCCEEDED']);
      run.state = 'RUNNING';
      return;
    case 'archive':
      run.storage_state = 'ARCHIVED';
      return;
    case 'unarchive':
      if (store.experiment(run.experiment_id).storage_state === 'ARCHIVED') {
        throw new FakeKfpError(
          400,
          'Failed precondition: Unarchive the experiment first to allow the run to be restored',
        );
      }
      run.storage_state = 'AVAILABLE';
  }
}

export function deleteRun(store: FakeKfpStore, runId: string): void {
  const run = store.run(runId);
  store.runs.splice(store.runs.indexOf(run), 1);
}
