import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../testing/run-node.js';
import { COMPONENT_ENTRY_COMMAND } from '../dsl/index.js';
import {
  IMAGE_CHECK_ARG,
  NOTEBOOK_DOCKERFILE,
  notebookDockerBuild,
  USAGE_EXIT_CODE,
} from './dockerfile-builds.js';
import {
  baseDigestArgs,
  bundleDestination,
  localBaseArgs,
  parseDockerfile,
  pinnedBases,
  stageArgs,
  type DockerStage,
  type ParsedDockerfile,
} from './dockerfile.js';
import { COMPONENT_DOCKERFILE } from './image-manifest.js';
import { MALLOC_TUNABLES } from '../local/task-environment.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const NODE_VERSION = (await readFile(join(root, '.node-version'), 'utf8')).trim().replace(/^v/, '');
const PNPM_VERSION = (
  JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { packageManager: string }
).packageManager.replace('pnpm@', '');

/** The stages an image is made of, from the one a stage starts FROM (by name) to the stage itself. */
function chain(dockerfile: ParsedDockerfile, stage: DockerStage): DockerStage[] {
  const parent = dockerfile.stages.find((s) => s.name === stage.from);
  return parent ? [...chain(dockerfile, parent), stage] : [stage];
}

/** The last value an instruction gets in a stage, counting the stages it is built FROM. */
function effective(dockerfile: ParsedDockerfile, stage: DockerStage, keyword: string): string | undefined {
  return chain(dockerfile, stage)
    .flatMap((s) => s.instructions)
    .filter((i) => i.keyword === keyword)
    .at(-1)?.args;
}

describe('docker/component.Dockerfile (read as text)', () => {
  let dockerfile: ParsedDockerfile;
  let text: string;
  beforeAll(async () => {
    text = await readFile(join(root, COMPONENT_DOCKERFILE), 'utf8');
    dockerfile = parseDockerfile(text);
  });
  const last = () => dockerfile.stages.at(-1)!;
  const runs = (stage: DockerStage) =>
    stage.instructions
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join('\n');

  it('gives the tasks the same malloc tunables as the local runner (huge pages for large blocks)', () => {
    const env = effective(dockerfile, last(), 'ENV') ?? '';
    expect(env.split(/\s+/)).toContain(`GLIBC_TUNABLES=${MALLOC_TUNABLES}`);
  });

  it('starts from the Node 24 LTS slim base of .node-version, pinned by digest', () => {
    const base = dockerfile.globalArgs.get('NODE_BASE') ?? '';
    expect(base).toMatch(/^docker\.io\/library\/node:24\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(base).toContain(`node:${NODE_VERSION}-bookworm-slim@`);
    expect([...pinnedBases(dockerfile).keys()]).toEqual(['NODE_BASE']);
    expect(localBaseArgs(dockerfile)).toEqual({
      NODE_BASE: `docker.io/library/node:${NODE_VERSION}-bookworm-slim`,
    });
    expect(dockerfile.stages.map((s) => s.from)).toEqual(['${NODE_BASE}', 'runtime']);
  });

  it('shares one runtime stage that installs the CA bundle and checks it and the Node major at build', () => {
    const shared = runs(dockerfile.stages[0]!);
    expect(shared).toContain('apt-get install -y --no-install-recommends ca-certificates');
    expect(shared).toMatch(/grep -c 'BEGIN CERTIFICATE' \/etc\/ssl\/certs\/ca-certificates.crt/);
    expect(shared).toContain('process.version.startsWith("v24.")');
    expect(shared).toContain('mkdir -p /minio /s3 /gcs /tmp/kfp');
  });

  it('declares every build arg CI passes, and needs only the ones the manifest supplies', () => {
    const declared = new Map(dockerfile.stages.flatMap((stage) => [...stageArgs(stage)]));
    for (const key of ['BUNDLE_DIR', 'COMPONENT', 'REVISION', 'VERSION', 'SOURCE', 'NODE_BASE']) {
      expect(declared.has(key), `ARG ${key}`).toBe(true);
    }
    const required = [...declared]
      .filter(([name, value]) => value === undefined && !dockerfile.globalArgs.has(name))
      .map(([name]) => name);
    expect(required.sort()).toEqual(['BUNDLE_DIR', 'COMPONENT']);
  });

  it('puts the bundle where the compiled command runs it, with no ENTRYPOINT in the way', () => {
    const [program, script] = COMPONENT_ENTRY_COMMAND;
    expect(program).toBe('node');
    expect(bundleDestination(dockerfile)).toBe(dirname(script));
    expect(effective(dockerfile, last(), 'WORKDIR')).toBe(dirname(script));
    expect(effective(dockerfile, last(), 'ENTRYPOINT')).toBeUndefined();
    expect(text).toContain('COPY --chmod=0755 ${BUNDLE_DIR}/ /app/');
  });

  it('runs as a numeric non-root user, with a CMD that prints the usage (exit 0)', () => {
    const user = effective(dockerfile, last(), 'USER') ?? 'root';
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    expect(effective(dockerfile, last(), 'CMD')).toBe('["node", "/app/main.mjs", "--help"]');
  });

  it('checks the bundle, as that user, the same way the tests below do', () => {
    const check = runs(last());
    expect(check).toContain(`node /app/main.mjs ${IMAGE_CHECK_ARG}`);
    expect(check).toContain(`-ne ${USAGE_EXIT_CODE}`);
    expect(check).toContain('node /app/main.mjs --help');
    expect(check).toContain('for chunk in /app/chunks/*.mjs; do');
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
      ['base.name', 'NODE_BASE'],
    ]) {
      expect(labels).toContain(`org.opencontainers.image.${label}="\${${arg}}"`);
    }
  });
});

describe('docker/notebook.Dockerfile (read as text)', () => {
  let dockerfile: ParsedDockerfile;
  let component: ParsedDockerfile;
  beforeAll(async () => {
    dockerfile = parseDockerfile(await readFile(join(root, NOTEBOOK_DOCKERFILE), 'utf8'));
    component = parseDockerfile(await readFile(join(root, COMPONENT_DOCKERFILE), 'utf8'));
  });
  const stage = (name: string) => dockerfile.stages.find((s) => s.name === name);
  const runs = (name: string) =>
    (stage(name)?.instructions ?? [])
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join('\n');
  const last = () => dockerfile.stages.at(-1)!;

  it('builds on the Kubeflow 1.10 notebook images and the same Node base as the components', () => {
    expect(dockerfile.globalArgs.get('VARIANT')).toBe('jupyter');
    expect(dockerfile.globalArgs.get('JUPYTER_BASE')).toMatch(
      /^ghcr\.io\/kubeflow\/kubeflow\/notebook-servers\/jupyter-scipy:v1\.10\.0(@sha256:[0-9a-f]{64})?$/,
    );
    expect(dockerfile.globalArgs.get('CODESERVER_BASE')).toMatch(
      /^ghcr\.io\/kubeflow\/kubeflow\/notebook-servers\/codeserver:v1\.10\.0(@sha256:[0-9a-f]{64})?$/,
    );
    expect(dockerfile.globalArgs.get('NODE_BASE')).toBe(component.globalArgs.get('NODE_BASE'));
    expect(stage('jupyter')?.from).toBe('${JUPYTER_BASE}${JUPYTER_BASE_DIGEST:+@}${JUPYTER_BASE_DIGEST}');
    expect(stage('codeserver')?.from).toBe(
      '${CODESERVER_BASE}${CODESERVER_BASE_DIGEST:+@}${CODESERVER_BASE_DIGEST}',
    );
    // Tag-only until a digest is recorded: never a made-up one (docs/kubeflow.md, bump path).
    expect([...baseDigestArgs(dockerfile).keys()]).toEqual(['JUPYTER_BASE_DIGEST', 'CODESERVER_BASE_DIGEST']);
    for (const [name, digest] of baseDigestArgs(dockerfile)) {
      expect(digest, name).toMatch(/^$|^sha256:[0-9a-f]{64}$/);
    }
    expect(last().from).toBe('${VARIANT}');
    expect(last().instructions).toContainEqual({ keyword: 'USER', args: '${NB_UID}' });
  });

  it('bakes the registry and tag of the same build into the image, as the SDK reads them', () => {
    const declared = stageArgs(last());
    for (const key of Object.keys(
      notebookDockerBuild('jupyter', { registry: 'r', tag: 't' }, { revision: 'a'.repeat(40) }).buildArgs,
    )) {
      expect(declared.has(key) || dockerfile.globalArgs.has(key), `ARG ${key}`).toBe(true);
    }
    const env = last()
      .instructions.filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('CAPSTONE_IMAGE_REGISTRY=${IMAGE_REGISTRY}');
    expect(env).toContain('CAPSTONE_IMAGE_TAG=${IMAGE_TAG}');
    expect(env).toContain('CAPSTONE_HOME=/opt/capstone');
  });

  it('installs the SDK and projects outside the home volume and ships the notebooks through HOME_TMP', () => {
    const workspace = stage('workspace')?.instructions ?? [];
    for (const dir of ['packages/', 'projects/', 'examples/', 'notebooks/']) {
      expect(workspace).toContainEqual({ keyword: 'COPY', args: `${dir} ${dir}` });
    }
    expect(runs('workspace')).toContain('pnpm install --frozen-lockfile --prod');
    const final = last()
      .instructions.filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join('\n');
    expect(final).toContain('ln -s /opt/capstone/notebook/node_modules /home/node_modules');
    expect(final).toContain('cp /opt/capstone/notebooks/*.ipynb "${HOME_TMP}/capstone-notebooks/"');
  });

  it('registers tslab where the workspace volume does not hide it, and pins pnpm to packageManager', () => {
    expect(runs('jupyter')).toContain('tslab install --python=python3 --sys-prefix');
    expect(stageArgs(stage('tools')!).get('PNPM_VERSION')).toBe(PNPM_VERSION);
    expect(stageArgs(stage('workspace')!).get('PNPM_VERSION')).toBe(PNPM_VERSION);
  });

  it("gives the SDK's package.json the entries tslab's Node10 type resolution needs", async () => {
    const script = /node -e '(.*)'/s.exec(runs('workspace'))?.[1] ?? '';
    expect(script).not.toBe('');
    const dir = await mkdtemp(join(tmpdir(), 'notebook-sdk-'));
    await cp(join(root, 'packages/sdk/package.json'), join(dir, 'package.json'));
    const { code, stderr } = await runNode(['-e', script], dir);
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
      source: './src/client/index.ts',
      default: './dist/client/index.js',
    });
    const subpaths = Object.entries(pkg.exports)
      .filter(
        ([k, v]) =>
          k !== '.' &&
          typeof v === 'object' &&
          String((v as { default: string }).default).startsWith('./dist/'),
      )
      .map(([k]) => k.slice(2));
    expect(Object.keys(pkg.typesVersions['*']).sort()).toEqual(subpaths.sort());
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

describe('parseDockerfile, bundleDestination and the base ARGs', () => {
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

  it('finds the digest-pinned bases and names their local stand-ins without the digest', () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const parsed = parseDockerfile(
      `ARG A=docker.io/library/node:24.1.0-slim@${digest}\nARG B=ghcr.io/o/img:v1\nARG C=plain\nFROM \${A}\n`,
    );
    expect([...pinnedBases(parsed)]).toEqual([['A', `docker.io/library/node:24.1.0-slim@${digest}`]]);
    expect(localBaseArgs(parsed)).toEqual({ A: 'docker.io/library/node:24.1.0-slim' });
  });

  it('blanks a base digest kept in its own <BASE>_DIGEST arg, so a local build uses the stand-in', () => {
    const digest = `sha256:${'cd'.repeat(32)}`;
    const parsed = parseDockerfile(
      `ARG X_BASE=ghcr.io/o/img:v1\nARG X_BASE_DIGEST=${digest}\nARG Y_BASE=ghcr.io/o/y:v2\nARG Y_BASE_DIGEST=\n` +
        'ARG OTHER_DIGEST=sha256:00\nFROM ${X_BASE}${X_BASE_DIGEST:+@}${X_BASE_DIGEST}\n',
    );
    expect([...baseDigestArgs(parsed)]).toEqual([
      ['X_BASE_DIGEST', digest],
      ['Y_BASE_DIGEST', ''],
    ]);
    expect(localBaseArgs(parsed)).toEqual({ X_BASE_DIGEST: '' });
  });
});
