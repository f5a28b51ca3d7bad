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

export type ParameterSource =
  | { readonly kind: 'pipeline-parameter'; readonly name: string }
  | { readonly kind: 'task-output'; readonly task: string; readonly output: string }
  | { readonly kind: 'constant'; readonly value: JsonValue };

export interface ArtifactSource {
  readonly task: string;
  readonly output: string;
}

export interface RetryPolicy {
  readonly maxRetryCount: number;
  readonly backoffMs: number;
  readonly backoffFactor: number;
  readonly backoffMaxMs: number;
}

/** A secret the cluster would mount as an env var; locally read from the same-named parent env var. */
export interface SecretEnv {
  readonly secretName: string;
  readonly secretKey: string;
  readonly envVar: string;
}

export interface PipelineTaskSpec {
  /** The key in `root.dag.tasks`, used for folders, logs and run.json. */
  readonly name: string;
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
  readonly retryPolicy?: RetryPolicy;
  readonly secretEnv: readonly SecretEnv[];
  /** The other Kubernetes options of the platform spec (local/kubernetes/). */
  readonly kubernetes: TaskKubernetes;
  /** Set for the driver's own operations (kfp-kubernetes CreatePVC / DeletePVC): no process runs. */
  readonly kubernetesOp?: 'create-pvc' | 'delete-pvc';
}

export interface PipelineSpecModel {
  readonly name: string;
  readonly parameters: Readonly<Record<string, ParameterDefinition>>;
  readonly tasks: Readonly<Record<string, PipelineTaskSpec>>;
  /** sha256 of the parsed documents; a resumed run must match it. */
  readonly digest: string;
}
