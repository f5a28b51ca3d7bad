// What a nested DAG exposes once it finished: `dag.outputs` read from its tasks, and for a loop the list of
// every iteration's value in item order.
import type { JsonValue } from '../dsl/index.js';
import type { DagScope } from './dag-inputs.js';
import type { DagSpec } from './pipeline-model.js';
import type { ArtifactRecord, RunState, TaskRecord } from './run-state.js';

function childPath(scope: DagScope, name: string): string {
  return scope.path ? `${scope.path}/${name}` : name;
}

/** `dag.outputs`: each output from the first of its producers that has a value (oneOf picks the branch that ran). */
export function dagOutputs(
  engine: { readonly state: RunState },
  dag: DagSpec,
  scope: DagScope,
): Pick<TaskRecord, 'outputParameters' | 'artifacts'> {
  const outputParameters: Record<string, JsonValue> = {};
  for (const [key, selectors] of Object.entries(dag.dagOutputs.parameters)) {
    for (const { task, output } of selectors) {
      const value = engine.state.tasks[childPath(scope, task)]?.outputParameters[output];
      if (value !== undefined) {
        outputParameters[key] = value;
        break;
      }
    }
  }
  const artifacts: Record<string, ArtifactRecord | ArtifactRecord[]> = {};
  for (const [key, selectors] of Object.entries(dag.dagOutputs.artifacts)) {
    for (const { task, output } of selectors) {
      const value = engine.state.tasks[childPath(scope, task)]?.artifacts[output];
      if (value !== undefined) {
        artifacts[key] = value;
        break;
      }
    }
  }
  return { outputParameters, artifacts: artifacts as Record<string, ArtifactRecord> };
}

/** A loop's outputs: per output, the list of the iterations' values in iteration order (skipped ones left out). */
export function collectIterations(
  engine: { readonly state: RunState },
  dag: DagSpec,
  scopes: readonly DagScope[],
): Pick<TaskRecord, 'outputParameters' | 'artifacts'> {
  const outputParameters: Record<string, JsonValue[]> = {};
  const artifacts: Record<string, ArtifactRecord[]> = {};
  for (const scope of scopes) {
    const iteration = engine.state.tasks[scope.path];
    for (const key of Object.keys(dag.dagOutputs.parameters)) {
      const value = iteration?.outputParameters[key];
      if (value !== undefined) (outputParameters[key] ??= []).push(value);
    }
    for (const key of Object.keys(dag.dagOutputs.artifacts)) {
      const value = iteration?.artifacts[key] as ArtifactRecord | ArtifactRecord[] | undefined;
      if (value !== undefined) (artifacts[key] ??= []).push(...(Array.isArray(value) ? value : [value]));
    }
  }
  for (const key of Object.keys(dag.dagOutputs.parameters)) outputParameters[key] ??= [];
  return { outputParameters, artifacts: artifacts as unknown as Record<string, ArtifactRecord> };
}
