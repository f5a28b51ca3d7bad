import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonValue } from '../dsl/index.js';
import type { PipelineTaskSpec } from './pipeline-model.js';
import type { ArtifactLocation } from './resolve-placeholders.js';
import type { TaskRecord } from './run-state.js';

export interface TaskInputs {
  readonly parameters: Record<string, JsonValue>;
  readonly artifacts: Record<string, ArtifactLocation | readonly ArtifactLocation[]>;
}

/** Where a task's output artifact lives once the task succeeded: `<runDir>/<task>/<output>`. */
export function artifactPath(runDir: string, task: string, output: string): string {
  return join(runDir, task, output);
}

/** Artifacts are addressed by `file://` URIs of their final local path (see docs/local-runner.md). */
export function artifactUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Resolves a task's inputs as the driver does: pipeline parameters, upstream outputs and constants, then the
 * component's `defaultValue` for anything not passed. Upstream tasks have succeeded when this runs.
 */
export function resolveTaskInputs(
  task: PipelineTaskSpec,
  pipelineParameters: Readonly<Record<string, JsonValue>>,
  records: Readonly<Record<string, TaskRecord>>,
  runDir: string,
): TaskInputs {
  const parameters: Record<string, JsonValue> = {};
  for (const [name, definition] of Object.entries(task.inputs.parameters)) {
    const source = task.parameterInputs[name];
    let value: JsonValue | undefined;
    if (source?.kind === 'pipeline-parameter') value = pipelineParameters[source.name];
    else if (source?.kind === 'task-output') value = records[source.task]?.outputParameters[source.output];
    else if (source?.kind === 'constant') value = source.value;
    value ??= definition.defaultValue;
    if (value !== undefined) parameters[name] = value;
  }
  const artifacts: Record<string, ArtifactLocation> = {};
  for (const [name, source] of Object.entries(task.artifactInputs)) {
    if (!('task' in source)) continue;
    const definition = task.inputs.artifacts[name];
    const path =
      records[source.task]?.artifacts[source.output]?.path ??
      artifactPath(runDir, source.task, source.output);
    artifacts[name] = {
      path,
      uri: artifactUri(path),
      schemaTitle: definition?.schemaTitle ?? 'system.Artifact',
      schemaVersion: definition?.schemaVersion ?? '0.0.1',
    };
  }
  return { parameters, artifacts };
}
