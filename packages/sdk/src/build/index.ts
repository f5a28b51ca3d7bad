export { bundleComponent } from './bundle-component.js';
export type { BundleResult } from './bundle-component.js';
export { MANIFEST_FILE, PIPELINES_DIR, compileAll } from './compile-all.js';
export type { CompileAllOptions, CompileAllResult, CompiledFile } from './compile-all.js';
export { discoverProjects } from './discover-projects.js';
export type { PipelineProject } from './discover-projects.js';
export { BuildError } from './errors.js';
export { COMPONENT_DOCKERFILE, bundleDirFor, imageName, manifestEntry } from './image-manifest.js';
export type { ImageManifest, ImageManifestEntry } from './image-manifest.js';
export { loadPipelines } from './load-pipelines.js';
export {
  COMPONENT_BUILD_CONTEXT,
  IMAGE_CHECK_ARG,
  USAGE_EXIT_CODE,
  bundleDestination,
  componentDockerBuild,
  dockerBuildCommand,
  parseDockerfile,
  stageArgs,
} from './dockerfile.js';
export type {
  ComponentBuildOptions,
  ComponentDockerBuild,
  DockerInstruction,
  DockerStage,
  ParsedDockerfile,
} from './dockerfile.js';
