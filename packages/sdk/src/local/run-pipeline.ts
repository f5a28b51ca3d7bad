import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { createRedactor, type Redactor } from '../secrets/index.js';
import { CacheStore } from './cache.js';
import { IdleDigester } from './idle-digests.js';
import type { TaskEngine } from './container-engine.js';
import { RunOptionsError } from './errors.js';
import type { TaskRunContext } from './execute-task.js';
import { loadImageManifest, manifestImageResolver, type ImageResolver } from './image-resolver.js';
import { loadPipelineFile } from './load-pipeline.js';
import { readLogTail } from './log-tail.js';
import type { PipelineSpecModel } from './pipeline-model.js';
import { prepareRun } from './prepare-run.js';
import { writeRunReport } from './report-html.js';
import type { RunEventListener } from './run-events.js';
import { RunStateWriter, type RunState, type RunStatus, type TaskRecord } from './run-state.js';
import { runDag, type Engine } from './run-dag.js';
import { acquireRunLock } from './run-lock.js';
import { Semaphore } from './semaphore.js';
import { baseTaskEnv, findProjectRoot, RUN_ID_VAR, RUNNER_PID_VAR } from './task-environment.js';
import { announceKubernetes } from './kubernetes/notice.js';

export interface RunPipelineOptions {
  /** A compiled pipeline YAML file, or an already loaded `spec`. */
  readonly pipelineFile?: string;
  readonly spec?: PipelineSpecModel;
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Default `.runs` (relative to `cwd`). */
  readonly runsDir?: string;
  readonly runId?: string;
  /** Continue an earlier run: only tasks that did not succeed run again. */
  readonly resume?: string;
  /** Most tasks running at once; default the number of CPU cores. */
  readonly parallelism?: number;
  /** `false` disables the cache for every task (`--no-cache`). */
  readonly cache?: boolean;
  /** Default: the image manifest `<project root>/dist/pipelines/images.json`. */
  readonly imageResolver?: ImageResolver;
  /** Runs every task inside its image (`--engine container`) instead of as a local process; its image
   * resolver then replaces `imageResolver`. */
  readonly engine?: TaskEngine;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Where the embedded object store lives; default `<project root>/.data/objects`. */
  readonly objectStoreDir?: string;
  /** Aborting stops every running task (SIGTERM to its process group) and leaves a resumable run. */
  readonly signal?: AbortSignal;
  readonly onEvent?: RunEventListener;
  readonly now?: () => Date;
  readonly killGraceMs?: number;
}

export interface TaskFailure {
  readonly task: string;
  readonly exitCode?: number;
  readonly error?: string;
  readonly logFile: string;
  readonly logTail: readonly string[];
}

export interface RunResult {
  readonly pipeline: string;
  readonly runId: string;
  readonly runDir: string;
  readonly status: RunStatus;
  /** 0 succeeded, 1 failed, 130 interrupted. */
  readonly exitCode: 0 | 1 | 130;
  readonly tasks: Readonly<Record<string, TaskRecord>>;
  readonly failures: readonly TaskFailure[];
  readonly statePath: string;
  readonly reportPath: string;
}

const LOG_TAIL_LINES = 20;

export async function runPipeline(options: RunPipelineOptions): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const parallelism = options.parallelism ?? availableParallelism();
  if (!Number.isInteger(parallelism) || parallelism < 1) {
    throw new RunOptionsError('parallelism', `must be a whole number of at least 1, got ${parallelism}`);
  }
  const model = await loadModel(options, cwd);
  const root = findProjectRoot(cwd);
  const runsDir = resolve(cwd, options.runsDir ?? '.runs');
  const redact = createRedactor({ env });
  const emit: RunEventListener = options.onEvent ?? (() => undefined);
  const warn = (message: string) => emit({ type: 'task-message', task: '', level: 'warn', message });
  // A resume takes the run's lock before it reads the run: a live run is refused untouched.
  let lock =
    options.resume && existsSync(join(runsDir, model.name, options.resume))
      ? await acquireRunLock(join(runsDir, model.name, options.resume), options.resume, { onStale: warn })
      : undefined;
  try {
    const prepared = await prepareRun({
      redact,
      model,
      runsDir,
      parameters: options.parameters ?? {},
      now: now(),
      ...(options.runId ? { runId: options.runId } : {}),
      ...(options.resume ? { resume: options.resume } : {}),
      ...(options.pipelineFile ? { pipelineFile: resolve(cwd, options.pipelineFile) } : {}),
    });
    const { runDir, state } = prepared;
    await mkdir(runDir, { recursive: true });
    lock ??= await acquireRunLock(runDir, state.runId, { onStale: warn });
    for (const note of prepared.notes) warn(note);
    const writer = new RunStateWriter(runDir, redact);
    writer.save(state);
    emit({
      type: 'run-start',
      pipeline: model.name,
      runId: state.runId,
      runDir,
      tasks: Object.keys(model.tasks),
      resumed: prepared.resumed,
    });
    announceKubernetes(model, state, emit);
    const signal = options.signal ?? new AbortController().signal;
    const context: TaskRunContext = {
      pipeline: model.name,
      runId: state.runId,
      runDir,
      cwd,
      parameters: state.parameters,
      records: state.tasks,
      imageResolver:
        options.engine?.imageResolver ??
        options.imageResolver ??
        manifestImageResolver(await loadImageManifest(join(root, 'dist/pipelines/images.json'))),
      ...(options.engine ? { launch: options.engine.launch } : {}),
      baseEnv: {
        ...baseTaskEnv(env, options.objectStoreDir ?? join(root, '.data', 'objects')),
        // Components name the run (and its live runner) in the leases and manifests they write.
        [RUN_ID_VAR]: state.runId,
        [RUNNER_PID_VAR]: String(process.pid),
      },
      parentEnv: env,
      ...(options.cache === false
        ? { idleDigests: new IdleDigester() }
        : { cache: new CacheStore(join(runsDir, '.cache')) }),
      digests: new Map(),
      background: new Set(),
      signal,
      emit,
      redact,
      now,
      ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
    };
    await schedule(model, state, context, parallelism, () => writer.save(state)).finally(() =>
      context.idleDigests?.close(),
    );
    return await finish(model, state, runDir, signal.aborted, writer, emit, now, redact);
  } finally {
    await lock?.release();
  }
}

async function loadModel(options: RunPipelineOptions, cwd: string): Promise<PipelineSpecModel> {
  if (options.spec) return options.spec;
  if (!options.pipelineFile)
    throw new RunOptionsError('pipelineFile', 'pass a compiled pipeline file or a loaded spec');
  return loadPipelineFile(resolve(cwd, options.pipelineFile));
}

/** Runs the root DAG; nested blocks, loops and pipelines run inside it. */
async function schedule(
  model: PipelineSpecModel,
  state: RunState,
  context: TaskRunContext,
  parallelism: number,
  save: () => void,
): Promise<void> {
  const engine: Engine = { state, context, slots: new Semaphore(parallelism), save };
  await runDag(engine, { tasks: model.tasks }, { path: '', parameters: state.parameters, artifacts: {} });
  // Output digests still being recorded (see execute-task.ts).
  while (context.background.size > 0) await Promise.all(context.background);
  save();
}

async function finish(
  model: PipelineSpecModel,
  state: RunState,
  runDir: string,
  aborted: boolean,
  writer: RunStateWriter,
  emit: RunEventListener,
  now: () => Date,
  redact: Redactor,
): Promise<RunResult> {
  const records = Object.entries(state.tasks);
  const anyFailed = records.some(([, record]) => record.status === 'failed');
  for (const [, record] of records) if (record.status === 'running') record.status = 'interrupted';
  const interrupted = aborted || records.some(([, record]) => record.status === 'interrupted');
  state.status = interrupted ? 'interrupted' : anyFailed ? 'failed' : 'succeeded';
  state.endedAt = now().toISOString();
  const session = state.sessions[state.sessions.length - 1];
  if (session) Object.assign(session, { endedAt: state.endedAt, status: state.status });
  writer.save(state);
  await writer.flush();
  const reportPath = join(runDir, 'report.html');
  await writeRunReport(reportPath, state, model, redact).catch((error: unknown) => {
    emit({
      type: 'task-message',
      task: '',
      level: 'warn',
      message: `could not write report.html: ${(error as Error).message}`,
    });
  });
  const failures: TaskFailure[] = [];
  for (const [task, record] of records) {
    if (record.status !== 'failed' || (record.kind && !record.error)) continue;
    const logFile = join(runDir, task, 'log.txt');
    failures.push({
      task,
      logFile,
      logTail: (await readLogTail(logFile, LOG_TAIL_LINES)).map(redact),
      ...(record.exitCode !== undefined ? { exitCode: record.exitCode } : {}),
      ...(record.error !== undefined ? { error: redact(record.error) } : {}),
    });
  }
  emit({ type: 'run-end', status: state.status, runDir, reportPath });
  const exitCode = state.status === 'succeeded' ? 0 : state.status === 'interrupted' ? 130 : 1;
  return {
    pipeline: state.pipeline,
    runId: state.runId,
    runDir,
    status: state.status,
    exitCode,
    tasks: state.tasks,
    failures,
    statePath: join(runDir, 'run.json'),
    reportPath,
  };
}
