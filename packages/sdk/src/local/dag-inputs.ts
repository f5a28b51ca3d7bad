// Resolves the inputs of a task inside a DAG: the DAG's own inputs, sibling outputs, constants, the exit
// handler's final status, and a field of a struct (`parameterExpressionSelector`).
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonValue } from '../dsl/index.js';
import type { TaskRunContext } from './execute-task.js';
import type { DagTaskSpec, ParameterSource, PipelineTaskSpec } from './pipeline-model.js';
import type { ArtifactLocation } from './resolve-placeholders.js';
import type { ArtifactRecord, RunState, TaskRecord, TaskStatus } from './run-state.js';
import { artifactUri } from './task-inputs.js';

/** Where a DAG runs: its record path and the values of its inputs. */
export interface DagScope {
  readonly path: string;
  /** The record of the DAG (or iteration) this scope belongs to; undefined at the root. */
  readonly record?: string;
  readonly parameters: Readonly<Record<string, JsonValue>>;
  readonly artifacts: Readonly<Record<string, ArtifactLocation | readonly ArtifactLocation[]>>;
}

export interface ResolvedInputs {
  readonly parameters: Record<string, JsonValue>;
  readonly artifacts: Record<string, ArtifactLocation | readonly ArtifactLocation[]>;
}

const FINAL_STATE: Readonly<Record<TaskStatus, string>> = {
  succeeded: 'SUCCEEDED',
  cached: 'SUCCEEDED',
  failed: 'FAILED',
  skipped: 'SKIPPED',
  interrupted: 'CANCELLED',
  running: 'RUNNING',
  pending: 'PENDING',
};

function sibling(state: RunState, scope: DagScope, task: string): TaskRecord | undefined {
  return state.tasks[scope.path ? `${scope.path}/${task}` : task];
}

function selectField(
  value: JsonValue | undefined,
  field: string | undefined,
  what: string,
): JsonValue | undefined {
  if (field === undefined || value === undefined) return value;
  const struct = typeof value === 'string' ? (JSON.parse(value) as JsonValue) : value;
  if (struct === null || typeof struct !== 'object' || Array.isArray(struct)) {
    throw new Error(`${what}: cannot read field '${field}' of ${JSON.stringify(value)} (not a struct)`);
  }
  return struct[field];
}

function finalStatus(state: RunState, scope: DagScope, task: string, context: TaskRunContext): JsonValue {
  const path = scope.path ? `${scope.path}/${task}` : task;
  const record = state.tasks[path];
  const failed = Object.entries(state.tasks).find(
    ([key, r]) => key.startsWith(`${path}/`) && r.status === 'failed' && r.error,
  );
  return {
    state: FINAL_STATE[record?.status ?? 'pending'],
    pipelineJobResourceName: `${context.pipeline}/${context.runId}`,
    pipelineTaskName: task,
    error: failed ? { message: `${failed[0]}: ${failed[1].error ?? 'failed'}` } : {},
  };
}

function parameterValue(
  source: ParameterSource,
  scope: DagScope,
  state: RunState,
  context: TaskRunContext,
  what: string,
): JsonValue | undefined {
  switch (source.kind) {
    case 'pipeline-parameter':
      return selectField(scope.parameters[source.name], source.field, what);
    case 'task-output':
      return selectField(
        sibling(state, scope, source.task)?.outputParameters[source.output],
        source.field,
        what,
      );
    case 'constant':
      return source.value;
    case 'task-final-status':
      return finalStatus(state, scope, source.task, context);
  }
}

function location(record: ArtifactRecord, schemaTitle: string, schemaVersion: string): ArtifactLocation {
  return { path: record.path, uri: record.uri, schemaTitle, schemaVersion };
}

/** The task's parameters (defaults for what is not passed) and artifacts, as its DAG gives them. */
export function resolveDagInputs(
  task: DagTaskSpec,
  scope: DagScope,
  state: RunState,
  context: TaskRunContext,
): ResolvedInputs {
  const parameters: Record<string, JsonValue> = {};
  for (const [name, source] of Object.entries(task.parameterInputs)) {
    const value = parameterValue(source, scope, state, context, `input '${name}' of '${task.name}'`);
    if (value !== undefined) parameters[name] = value;
  }
  const declared = 'dag' in task ? task.dag.inputs : task.inputs;
  for (const [name, definition] of Object.entries(declared.parameters)) {
    if (parameters[name] === undefined && definition.defaultValue !== undefined)
      parameters[name] = definition.defaultValue;
  }
  const artifacts: Record<string, ArtifactLocation | readonly ArtifactLocation[]> = {};
  for (const [name, source] of Object.entries(task.artifactInputs)) {
    const definition = declared.artifacts[name] ?? { schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' };
    if (!('task' in source)) {
      const value = scope.artifacts[source.name];
      if (value) artifacts[name] = value;
      continue;
    }
    const produced = sibling(state, scope, source.task)?.artifacts[source.output] as
      | ArtifactRecord
      | ArtifactRecord[]
      | undefined;
    if (produced === undefined) continue;
    artifacts[name] = Array.isArray(produced)
      ? produced.map((item) => location(item, definition.schemaTitle, definition.schemaVersion))
      : location(produced, definition.schemaTitle, definition.schemaVersion);
  }
  return { parameters, artifacts };
}

/** An importer task: its output `artifact` is the file or folder at the URI (locally: `file://` or a path). */
export function importArtifact(
  task: PipelineTaskSpec,
  inputs: ResolvedInputs,
  path: string,
  objectStoreDir: string | undefined,
): Partial<TaskRecord> {
  const importer = task.importer;
  if (!importer) return { status: 'failed', error: 'not an importer' };
  const uri = 'constant' in importer.uri ? importer.uri.constant : inputs.parameters[importer.uri.input];
  if (typeof uri !== 'string')
    return { status: 'failed', error: `importer ${path}: the URI input is not a string` };
  const local = localPathOf(uri, objectStoreDir);
  if (!local) {
    return {
      status: 'failed',
      error:
        `importer ${path}: the local runner imports file:// URIs, absolute paths and s3:// or minio:// objects ` +
        `of the embedded object store; got '${uri}'${objectStoreDir ? '' : ' (an S3 endpoint is configured)'}`,
    };
  }
  const exists = existsSync(local);
  return {
    status: exists ? 'succeeded' : 'failed',
    ...(exists ? {} : { error: `importer ${path}: nothing at ${local}` }),
    outputParameters: {},
    artifacts: { artifact: { path: local, uri: artifactUri(local), exists } },
  };
}

/** `s3://b/k` and `minio://b/k` are objects of the embedded store (`<store dir>/b/k`) when it is in use. */
function localPathOf(uri: string, objectStoreDir: string | undefined): string | undefined {
  if (uri.startsWith('file://')) return fileURLToPath(uri);
  if (isAbsolute(uri)) return uri;
  const object = /^(?:s3|minio):\/\/([^/]+)\/(.+)$/.exec(uri);
  if (object && objectStoreDir) return join(objectStoreDir, object[1] ?? '', object[2] ?? '');
  return undefined;
}
