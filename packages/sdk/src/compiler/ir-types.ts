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
  description?: string;
}
export interface IrIoDefinitions {
  parameters?: Record<string, IrParameterDefinition>;
  artifacts?: Record<string, IrArtifactDefinition>;
}
export interface IrComponentSpec {
  executorLabel: string;
  inputDefinitions?: IrIoDefinitions;
  outputDefinitions?: IrIoDefinitions;
  description?: string;
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
export interface IrExecutor {
  container: IrContainer;
}
export type IrParameterInput =
  | { componentInputParameter: string }
  | { taskOutputParameter: { producerTask: string; outputParameterKey: string } }
  | { runtimeValue: { constant: JsonValue } };
export type IrArtifactInput =
  | { taskOutputArtifact: { producerTask: string; outputArtifactKey: string } }
  | { componentInputArtifact: string };
export interface IrDagOutputs {
  parameters?: Record<
    string,
    { valueFromParameter: { producerSubtask: string; outputParameterKey: string } }
  >;
  artifacts?: Record<string, { artifactSelectors: { producerSubtask: string; outputArtifactKey: string }[] }>;
}
export interface IrRetryPolicy {
  maxRetryCount: number;
  backoffDuration: string;
  backoffFactor: number;
  backoffMaxDuration: string;
}
export interface IrTask {
  taskInfo: { name: string };
  componentRef: { name: string };
  inputs?: { parameters?: Record<string, IrParameterInput>; artifacts?: Record<string, IrArtifactInput> };
  dependentTasks?: string[];
  cachingOptions: { enableCache?: true };
  retryPolicy?: IrRetryPolicy;
}
export interface IrPipelineSpec {
  components: Record<string, IrComponentSpec>;
  deploymentSpec: { executors: Record<string, IrExecutor> };
  pipelineInfo: { name: string; description?: string };
  root: {
    dag: { tasks: Record<string, IrTask>; outputs?: IrDagOutputs };
    inputDefinitions?: IrIoDefinitions;
    outputDefinitions?: IrIoDefinitions;
  };
  schemaVersion: '2.1.0';
  sdkVersion: string;
  defaultPipelineRoot?: string;
}
export interface IrPlatformSpec {
  platforms: { kubernetes: { deploymentSpec: { executors: Record<string, IrKubernetesExecutorConfig> } } };
}
