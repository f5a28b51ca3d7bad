// Prints the GitHub Actions matrix of component images from the image manifest written by
// `pnpm build:pipelines`, so the images workflow builds exactly the components the pipelines reference.
//
//   node --conditions=source --import tsx scripts/images-matrix.ts [dist/pipelines/images.json]
//
// Reads GITHUB_SHA, GITHUB_REF_TYPE, GITHUB_REF_NAME, GITHUB_SERVER_URL and GITHUB_REPOSITORY (set by
// Actions) for the tags and labels. Writes `matrix=<json>` and `count=<n>` to $GITHUB_OUTPUT when set.
import { appendFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentDockerBuild, type ComponentBuildOptions, type ImageManifest } from '@capstone/sdk/build';

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

/** Tags and labels from the GitHub Actions environment: commit SHA always, release tag on tag pushes. */
export function buildOptionsFromEnv(env: NodeJS.ProcessEnv): ComponentBuildOptions {
  const source =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`
      : undefined;
  return {
    ...(env.GITHUB_SHA ? { revision: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME ? { releaseTag: env.GITHUB_REF_NAME } : {}),
    ...(source ? { source } : {}),
  };
}

export function imagesMatrix(manifest: ImageManifest, options: ComponentBuildOptions): ImagesMatrix {
  return {
    include: manifest.images.map((entry) => {
      const build = componentDockerBuild(entry, options);
      return {
        name: build.name,
        project: entry.project,
        component: entry.component,
        repository: entry.repository,
        dockerfile: build.dockerfile,
        context: build.context,
        bundleDir: entry.bundleDir,
        buildArgs: Object.entries(build.buildArgs)
          .map(([key, value]) => `${key}=${value}`)
          .join('\n'),
        tags: build.tags.join('\n'),
      };
    }),
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
  const matrix = imagesMatrix(await readManifest(file), buildOptionsFromEnv(env));
  const json = JSON.stringify(matrix);
  process.stdout.write(`${json}\n`);
  if (env.GITHUB_OUTPUT) {
    await appendFile(env.GITHUB_OUTPUT, `matrix=${json}\ncount=${matrix.include.length}\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    process.stderr.write(`images-matrix: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
