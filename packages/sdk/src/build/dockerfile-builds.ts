import { BuildError } from './errors.js';
import type { ImageOptions } from '../compiler/index.js';
import type { ImageManifestEntry } from './image-manifest.js';

/**
 * The one place that knows how the images are built from docker/component.Dockerfile and
 * docker/notebook.Dockerfile: the build context, the build arguments and the tags CI pushes. The Dockerfiles'
 * test reads those files as text and checks them against these values and the image manifest; images.yml
 * (through scripts/images-matrix.ts) and .ci/run (scripts/images/build-images.ts) both build from here.
 */

/** Build context of every component image: the repository root (the bundle dirs are repo-relative). */
export const COMPONENT_BUILD_CONTEXT = '.';

/** An argument no component declares: the image build runs the bundle with it and expects exit code 2. */
export const IMAGE_CHECK_ARG = '--capstone-image-check';

/** Exit code of a component whose command line does not fit its inputs and outputs (see runtime). */
export const USAGE_EXIT_CODE = 2;

export interface ComponentBuildOptions {
  /** The git commit being built; becomes an image tag and the `org.opencontainers.image.revision` label. */
  readonly revision?: string;
  /** The release tag (`v1.2.0`) when building a release; becomes a second image tag and the version label. */
  readonly releaseTag?: string;
  /** Also tag `:latest` (CI does on the default branch and on releases): the tag compiled by default. */
  readonly latest?: boolean;
  /** URL of the source repository for the `org.opencontainers.image.source` label. */
  readonly source?: string;
}

export interface ComponentDockerBuild {
  /** `<project>-<component>` or `capstone-<variant>`, also the build cache scope. */
  readonly name: string;
  readonly dockerfile: string;
  readonly context: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** Full references, `<repository>:<tag>`. */
  readonly tags: readonly string[];
}

export const NOTEBOOK_DOCKERFILE = 'docker/notebook.Dockerfile';
export const NOTEBOOK_VARIANTS = ['jupyter', 'codeserver'] as const;
export type NotebookVariant = (typeof NOTEBOOK_VARIANTS)[number];

/** The tag compiled when none is given, pushed by CI from the default branch and on every release. */
export const LATEST_TAG = 'latest';

const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const COMMIT_TAG = /^[0-9a-f]{40}$/;
/** Release tags, as release.yml's trigger (`v[0-9]*`) matches them. */
const RELEASE_TAG = /^v[0-9][A-Za-z0-9_.-]*$/;

function checkTag(tag: string, what: string): string {
  if (!DOCKER_TAG.test(tag)) {
    throw new BuildError(
      `${what} '${tag}' is not a valid image tag; expected letters, digits, '_', '.' or '-' (at most 128, not starting with '.' or '-')`,
    );
  }
  return tag;
}

/** Whether CI ever pushes an image with this tag: `latest`, a full commit SHA or a release tag (`v1.2.0`). */
export function isPublishedTag(tag: string): boolean {
  return tag === LATEST_TAG || COMMIT_TAG.test(tag) || (RELEASE_TAG.test(tag) && DOCKER_TAG.test(tag));
}

export const PUBLISHED_TAGS_HINT =
  "'latest', a full 40-character commit SHA, or a release tag such as v1.2.0";

function tagsAndLabels(repository: string, options: ComponentBuildOptions) {
  const tags: string[] = [];
  const buildArgs: Record<string, string> = {};
  if (options.revision) {
    tags.push(`${repository}:${checkTag(options.revision, 'revision')}`);
    buildArgs['REVISION'] = options.revision;
  }
  if (options.releaseTag) {
    tags.push(`${repository}:${checkTag(options.releaseTag, 'release tag')}`);
    buildArgs['VERSION'] = options.releaseTag;
  }
  if (options.latest) tags.push(`${repository}:${LATEST_TAG}`);
  if (options.source) buildArgs['SOURCE'] = options.source;
  return { tags, buildArgs };
}

/** How to build and tag the image of one manifest entry. */
export function componentDockerBuild(
  entry: ImageManifestEntry,
  options: ComponentBuildOptions = {},
): ComponentDockerBuild {
  const { tags, buildArgs } = tagsAndLabels(entry.repository, options);
  if (tags.length === 0) tags.push(entry.image);
  return {
    name: entry.buildArgs['COMPONENT'] ?? `${entry.project}-${entry.component}`,
    dockerfile: entry.dockerfile,
    context: COMPONENT_BUILD_CONTEXT,
    buildArgs: { ...entry.buildArgs, ...buildArgs },
    tags,
  };
}

/**
 * How to build a notebook image. `images` are the component images of the same build (registry and the
 * tag they are pushed with): they become `CAPSTONE_IMAGE_REGISTRY`/`CAPSTONE_IMAGE_TAG` in the image, so a
 * pipeline compiled in the notebook names images that exist.
 */
export function notebookDockerBuild(
  variant: NotebookVariant,
  images: ImageOptions,
  options: ComponentBuildOptions = {},
): ComponentDockerBuild {
  const name = `capstone-${variant}`;
  const repository = `${images.registry}/${name}`;
  const { tags, buildArgs } = tagsAndLabels(repository, options);
  if (tags.length === 0) tags.push(`${repository}:${checkTag(images.tag, 'image tag')}`);
  return {
    name,
    dockerfile: NOTEBOOK_DOCKERFILE,
    context: COMPONENT_BUILD_CONTEXT,
    buildArgs: { VARIANT: variant, IMAGE_REGISTRY: images.registry, IMAGE_TAG: images.tag, ...buildArgs },
    tags,
  };
}

const buildArgFlags = (args: Readonly<Record<string, string>>) =>
  Object.entries(args).flatMap(([key, value]) => ['--build-arg', `${key}=${value}`]);

/** The `docker build` command line for one image, as documented for building by hand. */
export function dockerBuildCommand(build: ComponentDockerBuild): string[] {
  return [
    'docker',
    'build',
    '-f',
    build.dockerfile,
    ...buildArgFlags(build.buildArgs),
    ...build.tags.flatMap((tag) => ['-t', tag]),
    build.context,
  ];
}

/**
 * The same build with buildah and no registry: `--pull=never`, layers cached so that every component shares
 * the Dockerfile's common stage, and `baseArgs` pointing the base ARGs at local stand-ins.
 */
export function buildahBudCommand(
  build: ComponentDockerBuild,
  baseArgs: Readonly<Record<string, string>> = {},
): string[] {
  return [
    'buildah',
    'bud',
    '--layers',
    '--pull=never',
    '-f',
    build.dockerfile,
    ...buildArgFlags({ ...build.buildArgs, ...baseArgs }),
    ...build.tags.flatMap((tag) => ['-t', tag]),
    build.context,
  ];
}
