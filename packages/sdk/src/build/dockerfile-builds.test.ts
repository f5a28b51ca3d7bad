import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../testing/run-node.js';
import { COMPONENT_ENTRY_COMMAND } from '../dsl/index.js';
import { compileAll } from './compile-all.js';
import {
  buildahBudCommand,
  componentDockerBuild,
  dockerBuildCommand,
  IMAGE_CHECK_ARG,
  isPublishedTag,
  notebookDockerBuild,
  USAGE_EXIT_CODE,
} from './dockerfile-builds.js';
import { COMPONENT_DOCKERFILE, type ImageManifest, type ImageManifestEntry } from './image-manifest.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

const entry: ImageManifestEntry = {
  project: 'demo',
  component: 'read-data',
  image: 'reg.test/team/demo-read-data:latest',
  repository: 'reg.test/team/demo-read-data',
  command: [...COMPONENT_ENTRY_COMMAND],
  localCommand: ['node', '/repo/dist/images/demo-read-data/main.mjs'],
  implementation: 'projects/demo/src/components/read-data.main.ts',
  bundleDir: 'dist/images/demo-read-data',
  dockerfile: COMPONENT_DOCKERFILE,
  buildArgs: { BUNDLE_DIR: 'dist/images/demo-read-data', COMPONENT: 'demo-read-data' },
};
const sha = 'a'.repeat(40);
const allOptions = { revision: sha, releaseTag: 'v1.2.0', latest: true, source: 'https://github.com/o/r' };

describe('componentDockerBuild', () => {
  it('tags the image with the commit, the release tag and latest, and labels it', () => {
    expect(componentDockerBuild(entry, allOptions)).toEqual({
      name: 'demo-read-data',
      dockerfile: 'docker/component.Dockerfile',
      context: '.',
      buildArgs: {
        BUNDLE_DIR: 'dist/images/demo-read-data',
        COMPONENT: 'demo-read-data',
        REVISION: sha,
        VERSION: 'v1.2.0',
        SOURCE: 'https://github.com/o/r',
      },
      tags: [
        `reg.test/team/demo-read-data:${sha}`,
        'reg.test/team/demo-read-data:v1.2.0',
        'reg.test/team/demo-read-data:latest',
      ],
    });
  });

  it("falls back to the manifest's image reference and refuses tags Docker would refuse", () => {
    expect(componentDockerBuild(entry).tags).toEqual([entry.image]);
    expect(() => componentDockerBuild(entry, { releaseTag: 'release/1.0' })).toThrow(
      /release tag 'release\/1.0' is not a valid image tag/,
    );
  });

  it('renders the docker and the buildah command lines, the latter on local bases and never pulling', () => {
    const build = componentDockerBuild(entry);
    expect(dockerBuildCommand(build).join(' ')).toBe(
      'docker build -f docker/component.Dockerfile --build-arg BUNDLE_DIR=dist/images/demo-read-data ' +
        '--build-arg COMPONENT=demo-read-data -t reg.test/team/demo-read-data:latest .',
    );
    expect(buildahBudCommand(build, { NODE_BASE: 'node:24-local' }).join(' ')).toBe(
      'buildah bud --layers --pull=never -f docker/component.Dockerfile ' +
        '--build-arg BUNDLE_DIR=dist/images/demo-read-data --build-arg COMPONENT=demo-read-data ' +
        '--build-arg NODE_BASE=node:24-local -t reg.test/team/demo-read-data:latest .',
    );
  });
});

describe('notebookDockerBuild', () => {
  it('passes the registry and tag of the component images of the same build', () => {
    const images = { registry: 'ghcr.io/owner', tag: sha };
    expect(notebookDockerBuild('jupyter', images, { revision: sha, latest: true })).toEqual({
      name: 'capstone-jupyter',
      dockerfile: 'docker/notebook.Dockerfile',
      context: '.',
      buildArgs: { VARIANT: 'jupyter', IMAGE_REGISTRY: 'ghcr.io/owner', IMAGE_TAG: sha, REVISION: sha },
      tags: [`ghcr.io/owner/capstone-jupyter:${sha}`, 'ghcr.io/owner/capstone-jupyter:latest'],
    });
    expect(notebookDockerBuild('codeserver', { registry: 'r', tag: 'latest' }).tags).toEqual([
      'r/capstone-codeserver:latest',
    ]);
  });
});

describe('isPublishedTag', () => {
  it.each([
    ['latest', true],
    [sha, true],
    ['v1.2.0', true],
    ['v0.3.0-rc.1', true],
    ['dev', false],
    ['test', false],
    ['abc1234', false],
    ['v', false],
    ['version-1', false],
  ])('%s → %s', (tag, published) => {
    expect(isPublishedTag(tag)).toBe(published);
  });
});

describe('every component bundle in the image manifest', () => {
  let manifest: ImageManifest;
  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'dockerfile-bundles-'));
    const images = { registry: 'reg.test/team', tag: 'test' };
    ({ manifest } = await compileAll({ root, outDir: out, images, bundle: true }));
  }, 120_000);

  it('is built with the component Dockerfile from a bundle dir holding main.mjs', () => {
    expect(manifest.images.length).toBeGreaterThan(0);
    for (const image of manifest.images) {
      expect(image.dockerfile).toBe(COMPONENT_DOCKERFILE);
      expect(image.command).toEqual([...COMPONENT_ENTRY_COMMAND]);
      expect(image.buildArgs['BUNDLE_DIR']).toBe(image.bundleDir);
      expect(existsSync(join(root, image.bundleDir, 'main.mjs')), image.bundleDir).toBe(true);
    }
  });

  it('loads from an empty folder with plain node: a bad argument gets usage (2), --help exits 0', async () => {
    const results = await Promise.all(
      manifest.images.map(async (image) => {
        const app = join(await mkdtemp(join(tmpdir(), 'bundle-empty-')), 'app');
        await cp(join(root, image.bundleDir), app, { recursive: true });
        const modules = existsSync(join(app, 'node_modules')) ? await readdir(join(app, 'node_modules')) : [];
        const { code, stderr } = await runNode(['main.mjs', IMAGE_CHECK_ARG], app);
        const help = await runNode(['main.mjs', '--help'], app);
        // Chunks load on demand (the S3 adapter): the image build imports each one, as here.
        const chunks = existsSync(join(app, 'chunks')) ? await readdir(join(app, 'chunks')) : [];
        const loads = await Promise.all(
          chunks.map((chunk) =>
            runNode(
              ['--input-type=module', '-e', 'await import(process.argv[1])', join(app, 'chunks', chunk)],
              app,
            ),
          ),
        );
        return { image, modules, code, stderr, help, loads };
      }),
    );
    for (const { image, modules, code, stderr, help, loads } of results) {
      expect(help.code, `${image.bundleDir} --help: ${help.stderr}`).toBe(0);
      for (const load of loads) expect(load.code, `${image.bundleDir} chunk: ${load.stderr}`).toBe(0);
      expect(modules, `${image.bundleDir}/node_modules: bundles carry no node_modules`).toEqual([]);
      expect(stderr).toContain(`error: ${image.component}: unexpected argument '${IMAGE_CHECK_ARG}'`);
      expect(code, `${image.bundleDir}: ${stderr}`).toBe(USAGE_EXIT_CODE);
    }
  }, 120_000);
});
