export { compileComponent } from './compile-component.js';
export {
  DEFAULT_IMAGE_REGISTRY,
  DEFAULT_IMAGE_TAG,
  SDK_VERSION_STRING,
  imageFor,
  imageRepository,
  resolveImageOptions,
} from './compile-options.js';
export type { CompileOptions, ImageOptions } from './compile-options.js';
export { compilePipeline, compilePipelineToYaml } from './compile-pipeline.js';
export type { CompiledPipeline } from './compile-pipeline.js';
export type {
  IrComponentSpec,
  IrContainer,
  IrExecutor,
  IrPipelineSpec,
  IrPlatformSpec,
  IrTask,
} from './ir-types.js';
export { cpuCores, memoryGigabytes } from './resources.js';
export { writePipelineYaml } from './write-yaml.js';
