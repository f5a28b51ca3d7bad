export { ARTIFACT_SCHEMAS, ARTIFACT_SCHEMA_VERSION, artifact } from './artifacts.js';
export type { ArtifactSchemaTitle, ArtifactSpec } from './artifacts.js';
export { ArtifactChannel, ParameterChannel, isArtifactChannel, isParameterChannel } from './channels.js';
export type { ParameterSource } from './channels.js';
export { defineComponent, defineContainerComponent } from './define-component.js';
export type {
  ComponentConfig,
  ComponentDefinition,
  ContainerComponentConfig,
  ContainerIo,
  ContainerTemplate,
  InputSpec,
  InputSpecs,
  KubernetesOpImage,
  NoSpecs,
  OutputSpec,
  OutputSpecs,
  RuntimeComponentConfig,
} from './define-component.js';
export { buildPipelineGraph, definePipeline } from './define-pipeline.js';
export type {
  ParameterChannels,
  PipelineConfig,
  PipelineContext,
  PipelineDefinition,
  PipelineGraph,
  PipelineParams,
  TaskFactory,
} from './define-pipeline.js';
export { DefinitionError, PlaceholderMisuseError } from './errors.js';
export type { ExecutionOptions, ResourceSpec, RetryPolicy, SecretEnv } from './execution-options.js';
export { EMPTY_KUBERNETES_CONFIG, kubernetes } from './kubernetes/index.js';
export type {
  AccessMode,
  EmptyDirMedium,
  EmptyDirMount,
  EphemeralVolume,
  ImagePullPolicy,
  InitContainer,
  JsonInput,
  KubernetesConfig,
  KubernetesConfigurable,
  NamedEnvSource,
  NamedVolumeSource,
  NameValue,
  NodeAffinityJson,
  NodeAffinityTerm,
  PvcDataSource,
  PvcMount,
  SecurityContext,
  SelectorRequirement,
  Toleration,
  TolerationJson,
} from './kubernetes/index.js';
export { PARAMETER_TYPES, isParameterValue, param } from './parameters.js';
export type { IrParameterType, JsonObject, JsonValue, ParameterKind, ParameterSpec } from './parameters.js';
export { EXECUTOR_INPUT, Placeholder, Template, fmt, renderElement } from './placeholders.js';
export type { CommandElement, PlaceholderKind } from './placeholders.js';
export { PipelineTask } from './pipeline-task.js';
export { COMPONENT_ENTRY_COMMAND, runtimeArgs } from './runtime-protocol.js';
export type {
  ArgumentFor,
  NotASingleOutput,
  SingleOutput,
  TaskArguments,
  TaskOptions,
  TaskOutputs,
} from './task-types.js';
