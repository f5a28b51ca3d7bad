// Prints the GitHub Actions matrices of component images (from the image manifest written by
// `pnpm build:pipelines`, so the images workflow builds exactly the components the pipelines reference) and of
// the notebook images (with the registry and tag of those component images baked in).
//
//   node --conditions=source --import tsx scripts/images-matrix.ts [dist/pipelines/images.json]
//
// Reads GITHUB_SHA, GITHUB_REF, GITHUB_REF_TYPE, GITHUB_REF_NAME, GITHUB_SERVER_URL and GITHUB_REPOSITORY (set
// by Actions) for the tags and labels. Writes `matrix=<json>`, `count=<n>` and `notebooks=<json>` to
// $GITHUB_OUTPUT when set.
import { appendFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  componentDockerBuild,
  NOTEBOOK_VARIANTS,
  notebookDockerBuild,
  type ComponentBuildOptions,
  type ComponentDockerBuild,
  type ImageManifest,
} from '@capstone/sdk/build';

export const DEFAULT_MANIFEST = 'dist/pipelines/images.json';

/** One matrix row; multi-line strings are what docker/build-push-action takes for build-args and tags. */
export interface ImagesMatrixRow {
  readonly name: string;
  readonly project: string;
  readonly component: string;
  readonly repository: string;
  readonly dockerfile: string;
  readonly context: string;
  readonly bundleDir: string;
  readonly buildArgs: string;
  readonly tags: string;
}

export interface ImagesMatrix {
  readonly include: readonly ImagesMatrixRow[];
}

/**
 * Tags and labels from the GitHub Actions environment: commit SHA always, release tag on tag pushes, and
 * `latest` (the tag compiled by default) on the default branch and on releases.
 */
export function buildOptionsFromEnv(env: NodeJS.ProcessEnv): ComponentBuildOptions {
  const source =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`
      : undefined;
  return {
    ...(env.GITHUB_SHA ? { revision: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME ? { releaseTag: env.GITHUB_REF_NAME } : {}),
    ...(env.GITHUB_REF === 'refs/heads/main' || env.GITHUB_REF_TYPE === 'tag' ? { latest: true } : {}),
    ...(source ? { source } : {}),
  };
}

/** Multi-line strings are what docker/build-push-action takes for build-args and tags. */
function actionInputs(build: ComponentDockerBuild) {
  return {
    name: build.name,
    dockerfile: build.dockerfile,
    context: build.context,
    buildArgs: Object.entries(build.buildArgs)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n'),
    tags: build.tags.join('\n'),
  };
}

export function imagesMatrix(manifest: ImageManifest, options: ComponentBuildOptions): ImagesMatrix {
  return {
    include: manifest.images.map((entry) => ({
      ...actionInputs(componentDockerBuild(entry, options)),
      project: entry.project,
      component: entry.component,
      repository: entry.repository,
      bundleDir: entry.bundleDir,
    })),
  };
}

export interface NotebookMatrixRow {
  readonly variant: string;
  readonly name: string;
  readonly dockerfile: string;
  readonly context: string;
  readonly buildArgs: string;
  readonly tags: string;
}

/** The notebook images of the same build: the components' registry and tag become their defaults. */
export function notebooksMatrix(
  manifest: ImageManifest,
  options: ComponentBuildOptions,
): { include: NotebookMatrixRow[] } {
  const images = { registry: manifest.registry, tag: manifest.tag };
  return {
    include: NOTEBOOK_VARIANTS.map((variant) => ({
      variant,
      ...actionInputs(notebookDockerBuild(variant, images, options)),
    })),
  };
}

export async function readManifest(file: string): Promise<ImageManifest> {
  const manifest = JSON.parse(await readFile(file, 'utf8')) as ImageManifest;
  if (!Array.isArray(manifest.images)) {
    throw new Error(`${file} is not an image manifest (no "images" array); run pnpm build:pipelines first`);
  }
  return manifest;
}

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  const file = resolve(argv[0] ?? DEFAULT_MANIFEST);
  const manifest = await readManifest(file);
  const options = buildOptionsFromEnv(env);
  const matrix = imagesMatrix(manifest, options);
  const json = JSON.stringify(matrix);
  const notebooks = JSON.stringify(notebooksMatrix(manifest, options));
  process.stdout.write(`${json}\n`);
  if (env.GITHUB_OUTPUT) {
    await appendFile(
      env.GITHUB_OUTPUT,
      `matrix=${json}\ncount=${matrix.include.length}\nnotebooks=${notebooks}\n`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    process.stderr.write(`images-matrix: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
