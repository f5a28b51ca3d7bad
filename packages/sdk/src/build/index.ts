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
export { imageTag, pipelineImages, unpublishedComponentImages } from './published-images.js';
export type { PipelineImage } from './published-images.js';
export {
  COMPONENT_BUILD_CONTEXT,
  IMAGE_CHECK_ARG,
  LATEST_TAG,
  NOTEBOOK_DOCKERFILE,
  NOTEBOOK_VARIANTS,
  PUBLISHED_TAGS_HINT,
  USAGE_EXIT_CODE,
  buildahBudCommand,
  componentDockerBuild,
  dockerBuildCommand,
  isPublishedTag,
  notebookDockerBuild,
} from './dockerfile-builds.js';
export type { ComponentBuildOptions, ComponentDockerBuild, NotebookVariant } from './dockerfile-builds.js';
export {
  bundleDestination,
  localBaseArgs,
  parseDockerfile,
  pinnedBases,
  stageArgs,
  withoutDigest,
} from './dockerfile.js';
export type { DockerInstruction, DockerStage, ParsedDockerfile } from './dockerfile.js';
