import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_ENTRY_COMMAND } from '../dsl/index.js';
import { compileAll } from './compile-all.js';
import {
  bundleDestination,
  componentDockerBuild,
  dockerBuildCommand,
  IMAGE_CHECK_ARG,
  parseDockerfile,
  stageArgs,
  USAGE_EXIT_CODE,
  type ParsedDockerfile,
} from './dockerfile.js';
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
const allOptions = { revision: 'a'.repeat(40), releaseTag: 'v1.2.0', source: 'https://github.com/o/r' };

function run(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '' };
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('docker/component.Dockerfile (read as text)', () => {
  let dockerfile: ParsedDockerfile;
  let text: string;
  beforeAll(async () => {
    text = await readFile(join(root, COMPONENT_DOCKERFILE), 'utf8');
    dockerfile = parseDockerfile(text);
  });
  const last = () => dockerfile.stages.at(-1)!;
  const lastOf = (keyword: string) =>
    last()
      .instructions.filter((i) => i.keyword === keyword)
      .at(-1);

  it('is multi-stage on a slim Node 20 base chosen by NODE_VERSION', () => {
    expect(dockerfile.globalArgs.get('NODE_VERSION')).toBe('20');
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) expect(stage.from).toBe('node:${NODE_VERSION}-bookworm-slim');
  });

  it('declares every build arg CI passes, and needs no arg the manifest does not supply', () => {
    const declared = new Map(dockerfile.stages.flatMap((stage) => [...stageArgs(stage)]));
    for (const key of Object.keys(componentDockerBuild(entry, allOptions).buildArgs)) {
      expect(declared.has(key), `ARG ${key}`).toBe(true);
    }
    const required = [...declared].filter(([, value]) => value === undefined).map(([name]) => name);
    expect(required.sort()).toEqual(Object.keys(entry.buildArgs).sort());
  });

  it('puts the bundle where the compiled command runs it, with no ENTRYPOINT in the way', () => {
    const [program, script] = COMPONENT_ENTRY_COMMAND;
    expect(program).toBe('node');
    expect(bundleDestination(dockerfile)).toBe(dirname(script));
    expect(lastOf('WORKDIR')?.args).toBe(dirname(script));
    expect(dockerfile.stages.some((s) => s.instructions.some((i) => i.keyword === 'ENTRYPOINT'))).toBe(false);
    expect(text).toContain('COPY ${BUNDLE_DIR}/ /app/');
  });

  it('runs as a numeric non-root user', () => {
    const user = lastOf('USER')?.args ?? 'root';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
  });

  it('checks the bundle during the build the same way the tests below do', () => {
    const run = dockerfile.stages[0]?.instructions.find((i) => i.keyword === 'RUN')?.args ?? '';
    expect(run).toContain(`node /app/main.mjs ${IMAGE_CHECK_ARG}`);
    expect(run).toContain(`-ne ${USAGE_EXIT_CODE}`);
  });

  it('labels the image with OCI annotations from the build args', () => {
    const labels = last()
      .instructions.filter((i) => i.keyword === 'LABEL')
      .map((i) => i.args)
      .join(' ');
    for (const [label, arg] of [
      ['title', 'COMPONENT'],
      ['revision', 'REVISION'],
      ['version', 'VERSION'],
      ['source', 'SOURCE'],
    ]) {
      expect(labels).toContain(`org.opencontainers.image.${label}="\${${arg}}"`);
    }
  });
});

describe('docker/notebook.Dockerfile (read as text)', () => {
  let dockerfile: ParsedDockerfile;
  beforeAll(async () => {
    dockerfile = parseDockerfile(await readFile(join(root, 'docker/notebook.Dockerfile'), 'utf8'));
  });
  const stage = (name: string) => dockerfile.stages.find((s) => s.name === name);
  const runs = (name: string) => (stage(name)?.instructions ?? []).filter((i) => i.keyword === 'RUN');

  it('offers a jupyter and a codeserver variant on the Kubeflow notebook images, chosen by VARIANT', () => {
    expect(dockerfile.globalArgs.get('VARIANT')).toBe('jupyter');
    expect(stage('jupyter')?.from).toBe('kubeflownotebookswg/jupyter-scipy:${KUBEFLOW_NOTEBOOK_TAG}');
    expect(stage('codeserver')?.from).toBe('kubeflownotebookswg/codeserver:${KUBEFLOW_NOTEBOOK_TAG}');
    expect(dockerfile.stages.at(-1)?.from).toBe('${VARIANT}');
    expect(dockerfile.stages.at(-1)?.instructions).toContainEqual({ keyword: 'USER', args: '${NB_UID}' });
  });

  it('registers tslab where the workspace volume does not hide it, and pins pnpm', () => {
    expect(
      runs('jupyter')
        .map((r) => r.args)
        .join(' '),
    ).toContain('tslab install --python=python3 --sys-prefix');
    expect(stageArgs(stage('tools')!).get('PNPM_VERSION')).toBe('10.34.8');
    for (const variant of ['jupyter', 'codeserver']) {
      expect(
        runs(variant)
          .map((r) => r.args)
          .join(' '),
      ).toContain('ln -s /opt/capstone/node_modules /home/node_modules');
    }
  });

  it("gives the SDK's package.json the entries tslab's Node10 type resolution needs", async () => {
    const script =
      /node -e '(.*)'/s.exec(
        runs('sdk')
          .map((r) => r.args)
          .join('\n'),
      )?.[1] ?? '';
    expect(script).not.toBe('');
    const dir = await mkdtemp(join(tmpdir(), 'notebook-sdk-'));
    await cp(join(root, 'packages/sdk/package.json'), join(dir, 'package.json'));
    const { code, stderr } = await run(['-e', script], dir);
    expect(code, stderr).toBe(0);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      types: string;
      main: string;
      exports: Record<string, unknown>;
      typesVersions: { '*': Record<string, string[]> };
    };
    expect(pkg).toMatchObject({ main: './dist/index.js', types: './dist/index.d.ts' });
    expect(pkg.exports['./client']).toEqual({
      types: './dist/client/index.d.ts',
      default: './dist/client/index.js',
    });
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.' && !k.endsWith('.json'));
    expect(Object.keys(pkg.typesVersions['*']).sort()).toEqual(subpaths.map((k) => k.slice(2)).sort());
  });
});

describe('.dockerignore', () => {
  it('keeps the bundles, and the packages shipped beside them, in the build context', async () => {
    const lines = (await readFile(join(root, '.dockerignore'), 'utf8')).split('\n').map((l) => l.trim());
    const at = (pattern: string) => lines.indexOf(pattern);
    expect(at('!dist/images')).toBeGreaterThan(at('dist/*'));
    expect(at('!dist/images/*/node_modules')).toBeGreaterThan(at('**/node_modules'));
    expect(lines).not.toContain('dist');
  });
});

describe('componentDockerBuild', () => {
  it('tags the image with the commit and, for a release, the release tag', () => {
    const build = componentDockerBuild(entry, allOptions);
    expect(build).toEqual({
      name: 'demo-read-data',
      dockerfile: 'docker/component.Dockerfile',
      context: '.',
      buildArgs: {
        BUNDLE_DIR: 'dist/images/demo-read-data',
        COMPONENT: 'demo-read-data',
        REVISION: allOptions.revision,
        VERSION: 'v1.2.0',
        SOURCE: 'https://github.com/o/r',
      },
      tags: [`reg.test/team/demo-read-data:${allOptions.revision}`, 'reg.test/team/demo-read-data:v1.2.0'],
    });
  });

  it("falls back to the manifest's image reference and refuses tags Docker would refuse", () => {
    expect(componentDockerBuild(entry).tags).toEqual([entry.image]);
    expect(() => componentDockerBuild(entry, { releaseTag: 'release/1.0' })).toThrow(
      /release tag 'release\/1.0' is not a valid image tag/,
    );
  });

  it('renders the docker build command line', () => {
    expect(dockerBuildCommand(componentDockerBuild(entry)).join(' ')).toBe(
      'docker build -f docker/component.Dockerfile --build-arg BUNDLE_DIR=dist/images/demo-read-data ' +
        '--build-arg COMPONENT=demo-read-data -t reg.test/team/demo-read-data:latest .',
    );
  });
});

describe('parseDockerfile and bundleDestination', () => {
  it('follows the bundle through COPY --from into the last stage', () => {
    const parsed = parseDockerfile(
      'ARG V=1\nFROM a:${V} AS one\nARG BUNDLE_DIR\nCOPY ${BUNDLE_DIR}/ /src/\n' +
        'RUN echo \\\n  continued\nFROM b\nCOPY --from=one /src/ /opt/app/\n',
    );
    expect(parsed.globalArgs.get('V')).toBe('1');
    expect(parsed.stages.map((s) => s.name)).toEqual(['one', undefined]);
    expect(parsed.stages[0]?.instructions.at(-1)).toEqual({ keyword: 'RUN', args: 'echo  continued' });
    expect(bundleDestination(parsed)).toBe('/opt/app');
  });

  it('says undefined when the bundle stays in a build stage', () => {
    const parsed = parseDockerfile(
      'FROM a AS one\nCOPY $BUNDLE_DIR /src\nFROM b\nCOPY --from=one /other /app\n',
    );
    expect(bundleDestination(parsed)).toBeUndefined();
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

  it('loads all its code from an empty folder with plain node and answers a bad argument with usage', async () => {
    const results = await Promise.all(
      manifest.images.map(async (image) => {
        const app = join(await mkdtemp(join(tmpdir(), 'bundle-empty-')), 'app');
        await cp(join(root, image.bundleDir), app, { recursive: true });
        const modules = existsSync(join(app, 'node_modules')) ? await readdir(join(app, 'node_modules')) : [];
        const { code, stderr } = await run(['main.mjs', IMAGE_CHECK_ARG], app);
        return { image, modules, code, stderr };
      }),
    );
    for (const { image, modules, code, stderr } of results) {
      expect(modules, `${image.bundleDir}/node_modules: bundles carry no node_modules`).toEqual([]);
      expect(stderr).toContain(`error: ${image.component}: unexpected argument '${IMAGE_CHECK_ARG}'`);
      expect(code, `${image.bundleDir}: ${stderr}`).toBe(USAGE_EXIT_CODE);
    }
  });
});
