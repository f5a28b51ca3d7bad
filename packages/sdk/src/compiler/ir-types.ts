import type { CapstoneDeploymentExtras } from '../dsl/index.js';
// The subset of the KFP v2 PipelineSpec (pipeline_spec.proto) this compiler writes, as plain objects.
import type { IrParameterType, JsonValue } from '../dsl/index.js';
import type { IrKubernetesExecutorConfig } from './ir-kubernetes.js';

export type { IrKubernetesExecutorConfig } from './ir-kubernetes.js';

export interface IrParameterDefinition {
  parameterType: IrParameterType;
  defaultValue?: JsonValue;
  isOptional?: true;
  description?: string;
}
export interface IrArtifactDefinition {
  artifactType: { schemaTitle: string; schemaVersion: string };
  isArtifactList?: true;
  description?: string;
}
export interface IrIoDefinitions {
  parameters?: Record<string, IrParameterDefinition>;
  artifacts?: Record<string, IrArtifactDefinition>;
}
/** A component: a container/importer (`executorLabel`) or a nested DAG (a block or a pipeline used as a task). */
export interface IrComponentSpec {
  executorLabel?: string;
  dag?: IrDag;
  inputDefinitions?: IrIoDefinitions;
  outputDefinitions?: IrIoDefinitions;
}
export interface IrDag {
  tasks: Record<string, IrTask>;
  outputs?: IrDagOutputs;
}
export interface IrResources {
  cpuLimit?: number;
  memoryLimit?: number;
  cpuRequest?: number;
  memoryRequest?: number;
  resourceCpuLimit?: string;
  resourceMemoryLimit?: string;
  resourceCpuRequest?: string;
  resourceMemoryRequest?: string;
  accelerator?: { type: string; count: string; resourceType: string; resourceCount: string };
}
export interface IrContainer {
  image: string;
  /** Always written, except for the driver's stub images (`argostub/createpvc`, `argostub/deletepvc`). */
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  resources?: IrResources;
}
export interface IrImporter {
  artifactUri: { constant: string } | { runtimeParameter: string };
  typeSchema: { schemaTitle: string; schemaVersion: string };
  reimport?: true;
  metadata?: Record<string, JsonValue>;
}
export type IrExecutor = { container: IrContainer } | { importer: IrImporter };
export type IrParameterInput = (
  | { componentInputParameter: string }
  | { taskOutputParameter: { producerTask: string; outputParameterKey: string } }
  | { runtimeValue: { constant: JsonValue } }
  | { taskFinalStatus: { producerTask: string } }
) & { parameterExpressionSelector?: string };
export type IrArtifactInput =
  | { taskOutputArtifact: { producerTask: string; outputArtifactKey: string } }
  | { componentInputArtifact: string };
export interface IrParameterSelector {
  producerSubtask: string;
  outputParameterKey: string;
}
export interface IrDagOutputs {
  parameters?: Record<
    string,
    | { valueFromParameter: IrParameterSelector }
    | { valueFromOneof: { parameterSelectors: IrParameterSelector[] } }
  >;
  artifacts?: Record<string, { artifactSelectors: { producerSubtask: string; outputArtifactKey: string }[] }>;
}
export interface IrRetryPolicy {
  maxRetryCount: number;
  backoffDuration: string;
  backoffFactor: number;
  backoffMaxDuration: string;
}
export interface IrTaskInputs {
  parameters?: Record<string, IrParameterInput>;
  artifacts?: Record<string, IrArtifactInput>;
}
export interface IrTask {
  taskInfo: { name: string };
  componentRef: { name: string };
  inputs?: IrTaskInputs;
  dependentTasks?: string[];
  /** Absent on blocks (conditions, loops, exit handlers). */
  cachingOptions?: { enableCache?: true };
  retryPolicy?: IrRetryPolicy;
  triggerPolicy?: { condition?: string; strategy?: 'ALL_UPSTREAM_TASKS_COMPLETED' };
  parameterIterator?: { items: { raw: string } | { inputParameter: string }; itemInput: string };
  artifactIterator?: { items: { inputArtifact: string }; itemInput: string };
  iteratorPolicy?: { parallelismLimit: number };
}
export interface IrPipelineSpec {
  components: Record<string, IrComponentSpec>;
  /** A free Struct for the backend: `capstone` (parameter checks for the CLI) is ignored by KFP. */
  deploymentSpec: { executors: Record<string, IrExecutor>; capstone?: CapstoneDeploymentExtras };
  pipelineInfo: { name: string; displayName?: string; description?: string };
  root: { dag: IrDag; inputDefinitions?: IrIoDefinitions; outputDefinitions?: IrIoDefinitions };
  schemaVersion: '2.1.0';
  sdkVersion: string;
  defaultPipelineRoot?: string;
}
export interface IrPlatformSpec {
  platforms: { kubernetes: { deploymentSpec: { executors: Record<string, IrKubernetesExecutorConfig> } } };
}
