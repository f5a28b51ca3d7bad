// One attempt of one task: resolve placeholders into a fresh attempt folder, run, read and promote outputs.
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { JsonValue } from '../dsl/index.js';
import { TaskOutputError } from './errors.js';
import { keepOnlyPartials, startAttemptDir } from './partial-downloads.js';
import { parseOutputParameter } from './parameter-values.js';
import type { PipelineTaskSpec } from './pipeline-model.js';
import { resolvePlaceholders, type ArtifactLocation } from './resolve-placeholders.js';
import { runProcess, type OutputStream, type ProcessLauncher } from './run-process.js';
import type { ArtifactRecord } from './run-state.js';
import { artifactPath, artifactUri, type TaskInputs } from './task-inputs.js';
import { withDeadline } from './kubernetes/deadline.js';

export interface AttemptOptions {
  readonly task: PipelineTaskSpec;
  readonly attempt: number;
  readonly runDir: string;
  readonly localCommand: readonly string[];
  readonly inputs: TaskInputs;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly signal: AbortSignal;
  /** Kubernetes `activeDeadlineSeconds`: the attempt is stopped and fails after this long. */
  readonly deadlineSeconds?: number | undefined;
  readonly killGraceMs?: number;
  /** Default: a local process. */
  readonly launch?: ProcessLauncher;
  readonly onSpawn: (pid: number) => void;
  readonly onLine: (stream: OutputStream, line: string) => void;
}

export type AttemptResult =
  | {
      readonly kind: 'succeeded';
      readonly exitCode: number;
      readonly outputParameters: Record<string, JsonValue>;
      readonly artifacts: Record<string, ArtifactRecord>;
      readonly missingArtifacts: readonly string[];
    }
  | { readonly kind: 'failed'; readonly exitCode?: number; readonly error: string }
  | { readonly kind: 'interrupted'; readonly exitCode?: number };

/**
 * Outputs are written under `<task>/.attempt-<n>/` and moved to `<task>/<output>` only after the process
 * succeeded and every output parameter was read, so a failed or killed attempt never leaves "finished" outputs.
 * A failed attempt leaves only its partial downloads, which the next attempt (or a resume) continues.
 */
export async function runAttempt(options: AttemptOptions): Promise<AttemptResult> {
  const attemptDir = join(options.runDir, options.task.name, `.attempt-${options.attempt}`);
  await startAttemptDir(join(options.runDir, options.task.name), attemptDir);
  const result = await attemptIn(attemptDir, options);
  if (result.kind !== 'succeeded') await keepOnlyPartials(attemptDir);
  return result;
}

async function attemptIn(attemptDir: string, options: AttemptOptions): Promise<AttemptResult> {
  const { task } = options;
  const outputArtifacts = outputLocations(options.runDir, task, attemptDir);
  const outputParameterFiles = Object.fromEntries(
    Object.keys(task.outputs.parameters).map((name) => [name, join(attemptDir, 'parameters', name)]),
  );
  let argv: string[];
  try {
    argv = resolvePlaceholders([...options.localCommand, ...task.container.args], {
      inputParameters: options.inputs.parameters,
      inputArtifacts: options.inputs.artifacts,
      outputArtifacts,
      outputParameterFiles,
      executorOutputFile: join(attemptDir, 'executor_output.json'),
    });
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message };
  }
  const outputPaths = [
    ...Object.values(outputArtifacts).map((artifact) => artifact.path),
    ...Object.values(outputParameterFiles),
  ];
  await Promise.all(
    [attemptDir, ...outputPaths.map((path) => dirname(path))].map((dir) => mkdir(dir, { recursive: true })),
  );
  const deadline = withDeadline(options.signal, options.deadlineSeconds);
  const launch = options.launch ?? runProcess;
  const result = await launch(
    {
      argv,
      env: options.env,
      cwd: options.cwd,
      signal: deadline.signal,
      onLine: options.onLine,
      onSpawn: options.onSpawn,
      ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
    },
    {
      image: task.container.image,
      containerEnv: task.container.env.map((entry) => entry.name),
      secretEnv: task.secretEnv.map((secret) => secret.envVar),
      // A collected (list) input carries several artifacts: the container reads each.
      reads: Object.values(options.inputs.artifacts).flatMap((artifact) =>
        [artifact].flat().map((a) => a.path),
      ),
      writes: [attemptDir],
    },
  );
  deadline.clear();
  if (result.interrupted && deadline.expired())
    return { kind: 'failed', exitCode: result.exitCode, error: deadline.message };
  if (result.interrupted) return { kind: 'interrupted', exitCode: result.exitCode };
  if (result.spawnError)
    return {
      kind: 'failed',
      exitCode: result.exitCode,
      error: `cannot start ${JSON.stringify(argv[0])}: ${result.spawnError}`,
    };
  if (result.exitCode !== 0)
    return { kind: 'failed', exitCode: result.exitCode, error: `exited with code ${result.exitCode}` };
  let outputParameters: Record<string, JsonValue>;
  try {
    outputParameters = await readOutputParameters(task, outputParameterFiles);
  } catch (error) {
    return { kind: 'failed', exitCode: 0, error: (error as Error).message };
  }
  const { artifacts, missing } = await promoteArtifacts(options.runDir, task, outputArtifacts);
  await rm(attemptDir, { recursive: true, force: true });
  return { kind: 'succeeded', exitCode: 0, outputParameters, artifacts, missingArtifacts: missing };
}

function outputLocations(
  runDir: string,
  task: PipelineTaskSpec,
  attemptDir: string,
): Record<string, ArtifactLocation> {
  return Object.fromEntries(
    Object.entries(task.outputs.artifacts).map(([name, definition]) => [
      name,
      {
        path: join(attemptDir, 'artifacts', name),
        uri: artifactUri(artifactPath(runDir, task.name, name)),
        schemaTitle: definition.schemaTitle,
        schemaVersion: definition.schemaVersion,
      },
    ]),
  );
}

async function readOutputParameters(
  task: PipelineTaskSpec,
  files: Readonly<Record<string, string>>,
): Promise<Record<string, JsonValue>> {
  const values: Record<string, JsonValue> = {};
  for (const [name, definition] of Object.entries(task.outputs.parameters)) {
    const file = files[name] ?? '';
    let content: string;
    try {
      content = await readFile(file, 'utf8');
    } catch {
      throw new TaskOutputError(name, `the component did not write its output file ${file}`);
    }
    try {
      values[name] = parseOutputParameter(definition.type, content);
    } catch (error) {
      throw new TaskOutputError(name, `${definition.type} ${(error as Error).message}`);
    }
  }
  return values;
}

async function promoteArtifacts(
  runDir: string,
  task: PipelineTaskSpec,
  locations: Readonly<Record<string, ArtifactLocation>>,
): Promise<{ artifacts: Record<string, ArtifactRecord>; missing: string[] }> {
  const artifacts: Record<string, ArtifactRecord> = {};
  const missing: string[] = [];
  for (const [name, location] of Object.entries(locations)) {
    const path = artifactPath(runDir, task.name, name);
    await rm(path, { recursive: true, force: true });
    const exists = await access(location.path).then(
      () => true,
      () => false,
    );
    if (exists) await rename(location.path, path);
    else missing.push(name);
    artifacts[name] = { path, uri: artifactUri(path), exists };
  }
  return { artifacts, missing };
}
