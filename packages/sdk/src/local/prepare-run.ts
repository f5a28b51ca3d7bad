// Creates the state of a new run, or reopens an earlier run for `resume`.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '../dsl/index.js';
import { createRedactor, REDACTED, redactValue, type Redactor } from '../secrets/index.js';
import { ResumeError, RunOptionsError } from './errors.js';
import { resolvePipelineParameters } from './parameter-values.js';
import type { PipelineSpecModel } from './pipeline-model.js';
import { digestPath } from './cache.js';
import {
  emptyTaskRecord,
  readRunState,
  RUN_STATE_FILE,
  type RunState,
  type TaskRecord,
} from './run-state.js';
import { isSuccessful } from './schedule.js';

export interface PrepareRunOptions {
  readonly model: PipelineSpecModel;
  readonly runsDir: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly runId?: string;
  readonly resume?: string;
  readonly pipelineFile?: string;
  readonly now: Date;
  /** How run.json was redacted; a resume compares supplied parameters in their redacted form. */
  readonly redact?: Redactor;
}

export interface PreparedRun {
  readonly runDir: string;
  readonly state: RunState;
  readonly resumed: boolean;
  /** What a resume found and did about it (outputs that changed since), for the console. */
  readonly notes: readonly string[];
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export async function prepareRun(options: PrepareRunOptions): Promise<PreparedRun> {
  return options.resume ? reopenRun(options, options.resume) : createRun(options);
}

function createRun(options: PrepareRunOptions): PreparedRun {
  const { model } = options;
  const runId = options.runId ?? newRunId(options.now);
  checkRunId(runId, 'runId');
  const runDir = join(options.runsDir, model.name, runId);
  if (existsSync(join(runDir, RUN_STATE_FILE))) {
    throw new RunOptionsError(
      'runId',
      `run '${runId}' already exists in ${runDir}; resume it or pick another id`,
    );
  }
  const parameters = resolvePipelineParameters(model.parameters, options.parameters, model.parameterChecks);
  const startedAt = options.now.toISOString();
  const state: RunState = {
    version: 1,
    pipeline: model.name,
    runId,
    specDigest: model.digest,
    ...(options.pipelineFile ? { pipelineFile: options.pipelineFile } : {}),
    parameters,
    status: 'running',
    startedAt,
    tasks: Object.fromEntries(
      Object.values(model.tasks).map((task) => [task.name, emptyTaskRecord(task.dependencies)]),
    ),
    sessions: [{ startedAt, status: 'running' }],
  };
  return { runDir, state, resumed: false, notes: [] };
}

async function reopenRun(options: PrepareRunOptions, runId: string): Promise<PreparedRun> {
  checkRunId(runId, 'resume');
  const { model } = options;
  const runDir = join(options.runsDir, model.name, runId);
  let previous: RunState;
  try {
    previous = await readRunState(runDir);
  } catch {
    throw new ResumeError(runId, `no readable ${RUN_STATE_FILE} in ${runDir}`);
  }
  if (previous.specDigest !== model.digest) {
    throw new ResumeError(runId, 'the pipeline changed since that run; start a new run instead');
  }
  const parameters = resumedParameters(options, previous);
  const startedAt = options.now.toISOString();
  // Tasks that succeeded keep their outputs, at any depth (a loop iteration's task included); nested DAG
  // records are rebuilt from their tasks.
  const successful = Object.entries(previous.tasks).filter(
    ([, record]) => isSuccessful(record.status) && !record.kind,
  );
  const { kept, notes } = await reverifyOutputs(successful);
  const tasks = {
    ...Object.fromEntries(
      Object.values(model.tasks).map((task) => [task.name, emptyTaskRecord(task.dependencies)]),
    ),
    ...Object.fromEntries(kept),
  };
  const state: RunState = {
    ...previous,
    parameters,
    status: 'running',
    tasks,
    sessions: [...previous.sessions, { startedAt, status: 'running' }],
  };
  delete state.endedAt;
  return { runDir, state, resumed: true, notes };
}

/**
 * A resumed run reuses the outputs of the tasks that succeeded, but only as they were: a task whose output
 * artifact changed or vanished since (or has no recorded digest) runs again, and a note says why.
 */
async function reverifyOutputs(
  successful: readonly [string, TaskRecord][],
): Promise<{ kept: [string, TaskRecord][]; notes: string[] }> {
  const kept: [string, TaskRecord][] = [];
  const notes: string[] = [];
  for (const [name, record] of successful) {
    const problem = await changedArtifact(record);
    if (problem) notes.push(`resume: task ${name} runs again: ${problem}`);
    else kept.push([name, record]);
  }
  return { kept, notes };
}

async function changedArtifact(record: TaskRecord): Promise<string | undefined> {
  for (const [name, artifact] of Object.entries(record.artifacts)) {
    if (!artifact.exists) continue;
    if (!artifact.digest) return `output artifact '${name}' has no recorded digest`;
    const digest = await digestPath(artifact.path);
    if (digest === 'missing') return `output artifact '${name}' is gone (${artifact.path})`;
    if (digest !== artifact.digest) return `output artifact '${name}' changed since the task wrote it`;
  }
  return undefined;
}

/** Sortable and unique enough for one machine: `20260123-101500-3fa2`. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

function checkRunId(runId: string, option: string): void {
  if (!RUN_ID.test(runId))
    throw new RunOptionsError(option, `'${runId}' is not a valid run id (letters, digits, '.', '_', '-')`);
}

/**
 * The parameters a resumed run continues with. run.json stores credentials masked (`***`), so a run whose
 * parameters held any needs them again; supplied parameters must equal the stored ones once redacted.
 */
function resumedParameters(
  options: PrepareRunOptions,
  previous: RunState,
): Readonly<Record<string, JsonValue>> {
  const runId = previous.runId;
  if (Object.keys(options.parameters).length === 0) {
    const masked = Object.entries(previous.parameters)
      .filter(([, value]) => JSON.stringify(value).includes(REDACTED))
      .map(([name]) => name);
    if (masked.length === 0) return previous.parameters;
    throw new ResumeError(
      runId,
      `parameter(s) ${masked.join(', ')} held credentials, which run.json stores masked; ` +
        `pass the same values again (--param ${masked[0]}=...) to resume`,
    );
  }
  const supplied = resolvePipelineParameters(
    options.model.parameters,
    options.parameters,
    options.model.parameterChecks,
  );
  if (!sameValues(redactValue(supplied, options.redact ?? createRedactor()), previous.parameters)) {
    throw new ResumeError(
      runId,
      'a resumed run keeps its parameters; drop the parameters or start a new run',
    );
  }
  return supplied;
}

function sameValues(
  left: Readonly<Record<string, JsonValue>>,
  right: Readonly<Record<string, JsonValue>>,
): boolean {
  return JSON.stringify(Object.entries(left).sort()) === JSON.stringify(Object.entries(right).sort());
}
