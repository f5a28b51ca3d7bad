// The life of one task: inputs, image, cache lookup, attempts with retry and backoff, cache store.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { JsonValue } from '../dsl/index.js';
import { isS3CredentialVar, usesFilesystemStore } from '../util/store-env.js';
import type { Redactor } from '../secrets/index.js';
import { cacheKey, type CacheStore } from './cache.js';
import { memoDigest, recordDigestsLater, withDigests } from './artifact-digests.js';
import type { IdleDigester } from './idle-digests.js';
import type { ImageResolver } from './image-resolver.js';
import type { PipelineTaskSpec } from './pipeline-model.js';
import { backoffDelayMs, sleep } from './retry.js';
import { runAttempt } from './run-attempt.js';
import type { MessageLevel, RunEventListener } from './run-events.js';
import type { ProcessLauncher } from './run-process.js';
import type { ArtifactRecord, TaskRecord } from './run-state.js';
import { artifactPath, artifactUri, resolveTaskInputs, type TaskInputs } from './task-inputs.js';
import { taskEnv } from './task-environment.js';
import { cachedLocally, prepareKubernetes, runKubernetesOp } from './kubernetes/apply-kubernetes.js';

export interface TaskRunContext {
  readonly pipeline: string;
  readonly runId: string;
  readonly runDir: string;
  readonly cwd: string;
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly records: Readonly<Record<string, TaskRecord>>;
  readonly imageResolver: ImageResolver;
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly parentEnv: NodeJS.ProcessEnv;
  /** Absent when caching is off for the whole run. */
  readonly cache?: CacheStore;
  readonly digests: Map<string, Promise<string>>;
  /** Hashes recorded output digests with idle cores; present when the cache is off (see idle-digests.ts). */
  readonly idleDigests?: IdleDigester;
  /** Work that finishes after its task (recording output digests): the run awaits it before it ends. */
  readonly background: Set<Promise<void>>;
  readonly signal: AbortSignal;
  readonly emit: RunEventListener;
  /** Masks credentials (of the parent env, in URLs, tokens) in every line the runner logs or reports. */
  readonly redact: Redactor;
  readonly now: () => Date;
  readonly killGraceMs?: number;
  /** How each attempt's process starts (default: a local process; see container-engine.ts). */
  readonly launch?: ProcessLauncher;
}

/** Applies a change to the task's run.json record (the runner persists it). */
export type RecordUpdate = (patch: Partial<TaskRecord>) => void;

export type TaskOutcome = Pick<
  TaskRecord,
  'status' | 'exitCode' | 'error' | 'outputParameters' | 'artifacts' | 'cacheKey' | 'cachedFrom'
> & {
  readonly cacheHit: boolean;
};

/** Runs one container task; `inputs` are its resolved inputs (resolved from the flat DAG when absent). */
export async function executeTask(
  task: PipelineTaskSpec,
  context: TaskRunContext,
  update: RecordUpdate,
  inputs?: TaskInputs,
): Promise<TaskOutcome> {
  const taskDir = join(context.runDir, task.name);
  await mkdir(taskDir, { recursive: true });
  const log = createWriteStream(join(taskDir, 'log.txt'), { flags: 'a' });
  const say = (level: MessageLevel, raw: string): void => {
    const message = context.redact(raw);
    log.write(`[runner] ${level === 'info' ? '' : `${level}: `}${message}\n`);
    context.emit({ type: 'task-message', task: task.name, level, message });
  };
  try {
    return await runTask(task, context, update, log, say, inputs);
  } catch (error) {
    say('error', (error as Error).message);
    return failed(context.redact((error as Error).message));
  } finally {
    await new Promise((resolve) => log.end(resolve));
  }
}

async function runTask(
  task: PipelineTaskSpec,
  context: TaskRunContext,
  update: RecordUpdate,
  log: WriteStream,
  say: (level: MessageLevel, message: string) => void,
  resolved: TaskInputs | undefined,
): Promise<TaskOutcome> {
  const inputs = resolved ?? resolveTaskInputs(task, context.parameters, context.records, context.runDir);
  if (task.kubernetesOp) {
    const outputParameters = await runKubernetesOp(task, inputs.parameters, context.runDir, (m) =>
      say('info', m),
    );
    return { status: 'succeeded', exitCode: 0, outputParameters, artifacts: {}, cacheHit: false };
  }
  const localCommand = context.imageResolver({
    image: task.container.image,
    command: task.container.command,
  });
  const base = taskEnv(context.baseEnv, task.container, task.secretEnv, context.parentEnv);
  const { env, warnings } = await prepareKubernetes(task, base.env, context);
  // S3 credentials matter only when the task talks to S3, not to the embedded filesystem store.
  const irrelevant = (name: string): boolean => usesFilesystemStore(env) && isS3CredentialVar(name);
  for (const secret of base.missingSecrets.filter((s) => !irrelevant(s.envVar))) {
    say(
      'warn',
      `secret ${secret.secretName}/${secret.secretKey} maps to $${secret.envVar}, which is not set in your environment`,
    );
  }
  for (const warning of warnings) say('warn', warning);
  const key =
    context.cache && cachedLocally(task)
      ? await taskCacheKey(task, localCommand, inputs, context)
      : undefined;
  if (key && context.cache) {
    const hit = await restoreFromCache(task, key, context.cache, context.runDir, say);
    if (hit) {
      say(
        'info',
        `cache hit: reusing the outputs of ${hit.cachedFrom.task} from run ${hit.cachedFrom.runId}`,
      );
      return hit;
    }
  }
  const attempts = 1 + (task.retryPolicy?.maxRetryCount ?? 0);
  for (let attempt = 1; ; attempt++) {
    if (attempts > 1) log.write(`[runner] attempt ${attempt} of ${attempts}\n`);
    const result = await runAttempt({
      task,
      attempt,
      runDir: context.runDir,
      localCommand,
      inputs,
      env,
      cwd: context.cwd,
      signal: context.signal,
      deadlineSeconds: task.kubernetes.activeDeadlineSeconds,
      ...(context.killGraceMs !== undefined ? { killGraceMs: context.killGraceMs } : {}),
      ...(context.launch ? { launch: context.launch } : {}),
      onSpawn: (pid) => {
        update({ attempts: attempt });
        context.emit({ type: 'task-start', task: task.name, attempt, pid });
      },
      onLine: (stream, raw) => {
        const line = context.redact(raw);
        log.write(`${line}\n`);
        context.emit({ type: 'task-log', task: task.name, stream, line });
      },
    });
    if (result.kind === 'interrupted') {
      say('warn', 'interrupted: the process was stopped');
      return {
        ...failed('interrupted'),
        status: 'interrupted',
        ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
      };
    }
    if (result.kind === 'succeeded') {
      for (const name of result.missingArtifacts) say('warn', `output artifact '${name}' was not created`);
      await storeInCache(task, key, result.outputParameters, result.artifacts, context, say);
      recordDigestsLater(result.artifacts, context, update);
      return {
        status: 'succeeded',
        exitCode: 0,
        outputParameters: result.outputParameters,
        artifacts: result.artifacts,
        cacheHit: false,
        ...(key ? { cacheKey: key } : {}),
      };
    }
    say('error', result.error);
    const outcome = {
      ...failed(context.redact(result.error)),
      ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
    };
    if (attempt >= attempts || !task.retryPolicy) return outcome;
    const delayMs = backoffDelayMs(task.retryPolicy, attempt);
    context.emit({ type: 'task-retry', task: task.name, attempt, exitCode: result.exitCode ?? -1, delayMs });
    say('info', `retrying in ${delayMs} ms (retry ${attempt} of ${attempts - 1})`);
    if (!(await sleep(delayMs, context.signal))) return { ...outcome, status: 'interrupted' };
  }
}

async function taskCacheKey(
  task: PipelineTaskSpec,
  localCommand: readonly string[],
  inputs: TaskInputs,
  context: TaskRunContext,
): Promise<string> {
  const programDigests: Record<string, string> = {};
  for (const part of localCommand) {
    if (isAbsolute(part) && (await isFile(part)))
      programDigests[part] = await memoDigest(part, context.digests);
  }
  const inputArtifactDigests: Record<string, string> = {};
  for (const [name, artifact] of Object.entries(inputs.artifacts)) {
    const list = Array.isArray(artifact) ? artifact : [artifact];
    const digests = await Promise.all(
      list.map((item: { path: string }) => memoDigest(item.path, context.digests)),
    );
    inputArtifactDigests[name] = Array.isArray(artifact) ? digests.join(',') : (digests[0] ?? '');
  }
  return cacheKey({
    componentSpec: task.componentSpec,
    container: task.container,
    localCommand,
    programDigests,
    inputParameters: inputs.parameters,
    inputArtifactDigests,
    objectStore: STORE_IDENTITY_VARS.map((name) => `${name}=${context.baseEnv[name] ?? ''}`).join(';'),
  });
}

/** Env vars that select the object store a task talks to (no credentials). */
const STORE_IDENTITY_VARS = ['CAPSTONE_OBJECT_STORE_DIR', 'S3_ENDPOINT', 'AWS_ENDPOINT_URL'] as const;

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function restoreFromCache(
  task: PipelineTaskSpec,
  key: string,
  cache: CacheStore,
  runDir: string,
  say: (level: MessageLevel, message: string) => void,
) {
  const entry = await cache.lookup(key);
  if (!entry) return undefined;
  const artifacts: Record<string, ArtifactRecord> = {};
  const targets: Record<string, string> = {};
  for (const name of Object.keys(task.outputs.artifacts)) {
    const path = artifactPath(runDir, task.name, name);
    targets[name] = path;
    artifacts[name] = { path, uri: artifactUri(path), exists: entry.artifacts.includes(name) };
  }
  try {
    await cache.restore(entry, targets);
  } catch (error) {
    // A changed or removed entry is never served: say so and run the task instead.
    say('warn', `cache: ${(error as Error).message}; running the task`);
    return undefined;
  }
  return {
    status: 'cached' as const,
    exitCode: 0,
    outputParameters: { ...entry.outputParameters },
    artifacts: await withDigests(artifacts),
    cacheHit: true,
    cacheKey: key,
    cachedFrom: { runId: entry.runId, task: entry.task },
  };
}

async function storeInCache(
  task: PipelineTaskSpec,
  key: string | undefined,
  outputParameters: Record<string, JsonValue>,
  artifacts: Record<string, ArtifactRecord>,
  context: TaskRunContext,
  say: (level: MessageLevel, message: string) => void,
): Promise<void> {
  if (!key || !context.cache) return;
  const stored = Object.entries(artifacts).filter(([, artifact]) => artifact.exists);
  try {
    await context.cache.save(
      {
        key,
        pipeline: context.pipeline,
        runId: context.runId,
        task: task.name,
        createdAt: context.now().toISOString(),
        outputParameters,
        artifacts: stored.map(([name]) => name),
      },
      Object.fromEntries(stored.map(([name, artifact]) => [name, artifact.path])),
    );
  } catch (error) {
    say('warn', `could not store the outputs in the cache: ${(error as Error).message}`);
  }
}

function failed(error: string): TaskOutcome {
  return { status: 'failed', error, outputParameters: {}, artifacts: {}, cacheHit: false };
}
