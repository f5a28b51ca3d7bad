export { ARTIFACT_SCHEMAS, ARTIFACT_SCHEMA_VERSION, artifact } from './artifacts.js';
export type { ArtifactSchemaTitle, ArtifactSpec } from './artifacts.js';
export {
  ArtifactChannel,
  COMPARISON_OPERATORS,
  Comparison,
  ParameterChannel,
  channelName,
  fullChannelName,
  isArtifactChannel,
  isChannel,
  isParameterChannel,
} from './channels.js';
export type {
  ArtifactSource,
  ChannelName,
  ComparisonOperator,
  LoopOrigin,
  ParameterSource,
  RootScope,
  Scope,
} from './channels.js';
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
  PipelineOutputs,
  PipelineParams,
} from './define-pipeline.js';
export type {
  BlockBody,
  BlockContext,
  BlockOptions,
  ConditionChain,
  ElseBranch,
  LoopItemFor,
  LoopOptions,
  RootContext,
  TaskFactory,
} from './block-types.js';
export { LoopItem } from './parallel-for.js';
export type { LoopItems } from './parallel-for.js';
export type { ImporterOptions } from './importer.js';
export { GraphState, TaskGroup } from './task-group.js';
export type { GroupKind, LoopSpec, OneOfOutput } from './task-group.js';
export { DefinitionError, ParameterTextError, PlaceholderMisuseError } from './errors.js';
export { formatParameterText, parseParameterText } from './parameter-text.js';
export type { ExecutionOptions, ResourceSpec, RetryPolicy, SecretEnv } from './execution-options.js';
export { EMPTY_KUBERNETES_CONFIG, kubernetes } from './kubernetes/index.js';
export { storeParams } from './store-params.js';
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
export {
  checkPipelineParameters,
  describeProblems,
  RANDOM_STATE_RULES,
  readParameterChecks,
  ruleProblem,
} from './parameter-rules.js';
export type {
  CapstoneDeploymentExtras,
  ParameterCheck,
  ParameterProblem,
  ParameterRules,
} from './parameter-rules.js';
export { decideCaching, describeState, external } from './external-state.js';
export type { CachingDecision, ExternalState } from './external-state.js';
export type {
  IrParameterType,
  JsonObject,
  JsonValue,
  KindValue,
  ParameterKind,
  ParameterSpec,
  TaskFinalStatus,
} from './parameters.js';
export { EXECUTOR_INPUT, Placeholder, Template, fmt, renderElement } from './placeholders.js';
export type { CommandElement, PlaceholderKind } from './placeholders.js';
export { PipelineTask } from './pipeline-task.js';
export type { TaskRef, TaskTemplate } from './pipeline-task.js';
export { COMPONENT_ENTRY_COMMAND, runtimeArgs } from './runtime-protocol.js';
export type {
  ArgumentFor,
  Collected,
  NotASingleOutput,
  SingleOutput,
  TaskArguments,
  TaskOptions,
  TaskOutputs,
} from './task-types.js';
