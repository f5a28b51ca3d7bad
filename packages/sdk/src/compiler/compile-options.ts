import { SDK_VERSION } from '../util/version.js';

/** Where component images live: `<registry>/<project>-<component>:<tag>`. */
export interface ImageOptions {
  readonly registry: string;
  readonly tag: string;
}

export interface CompileOptions {
  /** The project a pipeline's runtime components belong to; part of their image names. */
  readonly project: string;
  readonly images?: Partial<ImageOptions>;
}

export const DEFAULT_IMAGE_REGISTRY = 'ghcr.io/kubeflow-capstones';
export const DEFAULT_IMAGE_TAG = 'latest';
export const SDK_VERSION_STRING = `capstone-sdk-${SDK_VERSION}`;

/** Image options from flags, then `CAPSTONE_IMAGE_REGISTRY` / `CAPSTONE_IMAGE_TAG`, then defaults. */
export function resolveImageOptions(
  flags: Partial<ImageOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
): ImageOptions {
  return {
    registry: (flags.registry ?? env.CAPSTONE_IMAGE_REGISTRY ?? DEFAULT_IMAGE_REGISTRY).replace(/\/+$/, ''),
    tag: flags.tag ?? env.CAPSTONE_IMAGE_TAG ?? DEFAULT_IMAGE_TAG,
  };
}

/** The image repository (no tag) of a runtime component. */
export function imageRepository(registry: string, project: string, component: string): string {
  return `${registry}/${project}-${component}`;
}

export function imageFor(images: ImageOptions, project: string, component: string): string {
  return `${imageRepository(images.registry, project, component)}:${images.tag}`;
}
