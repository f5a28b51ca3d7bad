import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageFor, imageRepository, type ImageOptions } from '../compiler/index.js';
import { COMPONENT_ENTRY_COMMAND, type ComponentDefinition } from '../dsl/index.js';

/** One component image: what CI builds, what the compiled YAML runs, and what the local runner runs instead. */
export interface ImageManifestEntry {
  readonly project: string;
  readonly component: string;
  readonly image: string;
  readonly repository: string;
  /** The container command in the compiled YAML. */
  readonly command: readonly string[];
  /** The same program on this machine: the bundle under dist/images. */
  readonly localCommand: readonly string[];
  /** Repo-relative paths. */
  readonly implementation: string;
  readonly bundleDir: string;
  readonly dockerfile: string;
  readonly buildArgs: Readonly<Record<string, string>>;
}

export interface ImageManifest {
  readonly registry: string;
  readonly tag: string;
  readonly images: readonly ImageManifestEntry[];
}

export const COMPONENT_DOCKERFILE = 'docker/component.Dockerfile';

export function imageName(project: string, component: string): string {
  return `${project}-${component}`;
}

/** Repo-relative bundle folder of a component image. */
export function bundleDirFor(root: string, outDir: string, project: string, component: string): string {
  return relative(root, join(outDir, 'images', imageName(project, component)));
}

export function manifestEntry(
  root: string,
  outDir: string,
  project: string,
  component: ComponentDefinition,
  images: ImageOptions,
): ImageManifestEntry {
  const bundleDir = bundleDirFor(root, outDir, project, component.name);
  const implementation = relative(root, fileURLToPath(component.implementation ?? ''));
  return {
    project,
    component: component.name,
    image: imageFor(images, project, component.name),
    repository: imageRepository(images.registry, project, component.name),
    command: [...COMPONENT_ENTRY_COMMAND],
    localCommand: ['node', join(root, bundleDir, 'main.mjs')],
    implementation,
    bundleDir,
    dockerfile: COMPONENT_DOCKERFILE,
    buildArgs: { BUNDLE_DIR: bundleDir, COMPONENT: imageName(project, component.name) },
  };
}
