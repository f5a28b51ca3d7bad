export { CacheStore, cacheKey, digestPath } from './cache.js';
export type { CacheEntry, CacheKeyInput } from './cache.js';
export { createConsoleReporter } from './console-reporter.js';
export { STORE_LOCATION_VARS, createContainerEngine } from './container-engine.js';
export type { ContainerEngineOptions, TaskEngine } from './container-engine.js';
export type { ConsoleReporter, ConsoleReporterOptions } from './console-reporter.js';
export {
  ContainerEngineError,
  ImageCommandMismatchError,
  ImageManifestError,
  ImageNotFoundError,
  ParameterError,
  PipelineLoadError,
  PlaceholderError,
  ResumeError,
  RunOptionsError,
  TaskOutputError,
} from './errors.js';
export {
  repositoryOfImage,
  loadImageManifest,
  manifestImageResolver,
  passthroughImageResolver,
} from './image-resolver.js';
export type { ContainerImage, ImageResolver, LocalImageManifest, ManifestImage } from './image-resolver.js';
export { cachedLocally } from './kubernetes/apply-kubernetes.js';
export { buildPipelineModel, loadPipelineFile, parsePipelineYaml } from './load-pipeline.js';
export { matchesType, parseOutputParameter, resolvePipelineParameters } from './parameter-values.js';
export { isDagNode } from './pipeline-model.js';
export type {
  ContainerSpec,
  DagNodeSpec,
  DagSpec,
  DagTaskSpec,
  IteratorSpec,
  TriggerPolicy,
  ParameterDefinition,
  ParameterType,
  PipelineSpecModel,
  PipelineTaskSpec,
  CompiledRetryPolicy,
  CompiledSecretEnv,
} from './pipeline-model.js';
export { renderRunReport, writeRunReport } from './report-html.js';
export { buildExecutorInput, resolvePlaceholders } from './resolve-placeholders.js';
export type { ArtifactLocation, ExecutorContext } from './resolve-placeholders.js';
export { backoffDelayMs } from './retry.js';
export type { RunEvent, RunEventListener } from './run-events.js';
export { runPipeline } from './run-pipeline.js';
export type { LaunchTarget, ProcessLauncher } from './run-process.js';
export type { RunPipelineOptions, RunResult, TaskFailure } from './run-pipeline.js';
export { RUN_STATE_FILE, RUN_STATUS, TASK_STATUS, readRunState } from './run-state.js';
export type { ArtifactRecord, RunState, RunStatus, TaskRecord, TaskStatus } from './run-state.js';
export { readyTasks, taskLevels, topologicalOrder, unreachableTasks } from './schedule.js';
export { ConditionError, evaluateCondition } from './cel-condition.js';
export { OBJECT_STORE_DIR_VAR, baseTaskEnv, findProjectRoot } from './task-environment.js';
