// The authoring entry point: define components and pipelines, compile them. Heavier areas have their own
// subpaths (@capstone/sdk/runtime, /local, /client, /io, /build, /testing).
export {
  ARTIFACT_SCHEMAS,
  artifact,
  defineComponent,
  defineContainerComponent,
  definePipeline,
  DefinitionError,
  fmt,
  param,
  PlaceholderMisuseError,
} from './dsl/index.js';
export type {
  ComponentDefinition,
  ExecutionOptions,
  PipelineDefinition,
  PipelineTask,
  ResourceSpec,
  RetryPolicy,
  SecretEnv,
} from './dsl/index.js';
export { compileComponent, compilePipeline, compilePipelineToYaml } from './compiler/index.js';
export type { CompileOptions, CompiledPipeline } from './compiler/index.js';

export { SDK_VERSION } from './util/version.js';
