// The runnable view of a compiled PipelineSpec: what `loadPipeline` checks and hands to the runner.
import type { IrParameterType, JsonValue } from '../dsl/index.js';
import type { TaskKubernetes } from './kubernetes/parse-kubernetes.js';

export type ParameterType = IrParameterType;

export interface ParameterDefinition {
  readonly type: ParameterType;
  readonly defaultValue?: JsonValue;
  readonly optional: boolean;
}

export interface ArtifactDefinition {
  readonly schemaTitle: string;
  readonly schemaVersion: string;
}

export interface ComponentIo {
  readonly parameters: Readonly<Record<string, ParameterDefinition>>;
  readonly artifacts: Readonly<Record<string, ArtifactDefinition>>;
}

export interface ContainerSpec {
  readonly image: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
}

/**
 * Where an input's value comes from. `pipeline-parameter` is an input of the enclosing DAG: a pipeline
 * parameter at the root, the value a block or nested pipeline was given below it. `field` applies a
 * `parameterExpressionSelector` (`parseJson(string_value)["field"]`).
 */
export type ParameterSource = (
  | { readonly kind: 'pipeline-parameter'; readonly name: string }
  | { readonly kind: 'task-output'; readonly task: string; readonly output: string }
  | { readonly kind: 'constant'; readonly value: JsonValue }
  | { readonly kind: 'task-final-status'; readonly task: string }
) & { readonly field?: string };

/** An input artifact: another task's output, or an input artifact of the enclosing DAG. */
export type ArtifactSource =
  | { readonly kind?: 'task-output'; readonly task: string; readonly output: string }
  | { readonly kind: 'dag-input'; readonly name: string };

/** `triggerPolicy`: a CEL condition on the task's inputs, and whether it also runs after failures upstream. */
export interface TriggerPolicy {
  readonly condition?: string;
  readonly allUpstreamCompleted: boolean;
}

/** `parameterIterator` / `artifactIterator`: a DAG task runs its DAG once per item. */
export interface IteratorSpec {
  readonly kind: 'parameter' | 'artifact';
  /** Static items (`raw`), or the name of the task input that holds the list. */
  readonly items: { readonly raw: readonly JsonValue[] } | { readonly input: string };
  /** The DAG input each iteration's item is given as. */
  readonly itemInput: string;
  /** 0 = all iterations at once. */
  readonly parallelism: number;
}

/** `dag.outputs`: what a nested DAG exposes, read from its tasks once it finished. */
export interface DagOutputs {
  readonly parameters: Readonly<
    Record<string, readonly { readonly task: string; readonly output: string }[]>
  >;
  readonly artifacts: Readonly<Record<string, readonly { readonly task: string; readonly output: string }[]>>;
}

/** A nested DAG: a condition, loop or exit handler block, or a pipeline used as a task. */
export interface DagSpec {
  readonly inputs: ComponentIo;
  readonly outputs: ComponentIo;
  readonly tasks: Readonly<Record<string, DagTaskSpec>>;
  readonly dagOutputs: DagOutputs;
}

/** A task whose component is a DAG. */
export interface DagNodeSpec {
  readonly kind: 'dag';
  readonly name: string;
  readonly displayName: string;
  readonly componentName: string;
  readonly dag: DagSpec;
  readonly parameterInputs: Readonly<Record<string, ParameterSource>>;
  readonly artifactInputs: Readonly<Record<string, ArtifactSource>>;
  readonly dependencies: readonly string[];
  readonly trigger: TriggerPolicy;
  readonly iterator?: IteratorSpec;
}

/** `importer`: the task's output `artifact` is the existing artifact at its URI. */
export interface ImporterSpec {
  readonly uri: { readonly constant: string } | { readonly input: string };
  readonly schemaTitle: string;
  readonly schemaVersion: string;
}

export type DagTaskSpec = PipelineTaskSpec | DagNodeSpec;

export function isDagNode(task: DagTaskSpec): task is DagNodeSpec {
  return 'kind' in task && task.kind === 'dag';
}

export interface CompiledRetryPolicy {
  readonly maxRetryCount: number;
  readonly backoffMs: number;
  readonly backoffFactor: number;
  readonly backoffMaxMs: number;
}

/** A secret the cluster would mount as an env var; locally read from the same-named parent env var. */
export interface CompiledSecretEnv {
  readonly secretName: string;
  readonly secretKey: string;
  readonly envVar: string;
}

export interface PipelineTaskSpec {
  readonly kind?: 'container';
  /** The key in its DAG's tasks; the runner runs it under a path (`for-loop-2/0/print-text`). */
  readonly name: string;
  /** `taskInfo.name`, shown in the report. */
  readonly displayName?: string;
  readonly componentName: string;
  readonly executorLabel: string;
  /** The `comp-*` entry as written in the file (part of the cache key). */
  readonly componentSpec: unknown;
  readonly inputs: ComponentIo;
  readonly outputs: ComponentIo;
  readonly container: ContainerSpec;
  readonly parameterInputs: Readonly<Record<string, ParameterSource>>;
  readonly artifactInputs: Readonly<Record<string, ArtifactSource>>;
  /** `dependentTasks` plus the producers of every data input, sorted. */
  readonly dependencies: readonly string[];
  readonly enableCache: boolean;
  readonly retryPolicy?: CompiledRetryPolicy;
  readonly secretEnv: readonly CompiledSecretEnv[];
  readonly trigger?: TriggerPolicy;
  /** Set for importer tasks (they run no container). */
  readonly importer?: ImporterSpec;
  /** The other Kubernetes options of the platform spec (local/kubernetes/). */
  readonly kubernetes: TaskKubernetes;
  /** Set for the driver's own operations (kfp-kubernetes CreatePVC / DeletePVC): no process runs. */
  readonly kubernetesOp?: 'create-pvc' | 'delete-pvc';
}

export interface PipelineSpecModel {
  readonly name: string;
  readonly parameters: Readonly<Record<string, ParameterDefinition>>;
  /** The root DAG's tasks: containers, importers and nested DAGs. */
  readonly tasks: Readonly<Record<string, DagTaskSpec>>;
  readonly outputs?: DagOutputs;
  /** sha256 of the parsed documents; a resumed run must match it. */
  readonly digest: string;
}
