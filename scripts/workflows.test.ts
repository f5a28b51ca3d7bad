import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compileAll,
  isPublishedTag,
  pipelineImages,
  type CompileAllResult,
  type ImageManifest,
} from '@capstone/sdk/build';
import { resolveImageOptions } from '@capstone/sdk/compiler';
import { buildOptionsFromEnv, imagesMatrix, notebooksMatrix } from './images-matrix.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const workflowsDir = join(root, '.github/workflows');
const validator = join(
  dirname(createRequire(import.meta.url).resolve('@action-validator/cli/package.json')),
  'cli.mjs',
);

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly uses?: string;
  readonly container?: { readonly image?: string };
  readonly needs?: string | readonly string[];
  readonly steps?: readonly Step[];
  readonly strategy?: { readonly matrix?: unknown };
  readonly outputs?: Record<string, string>;
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

async function validate(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [validator, file]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const workflowFiles = (await readdir(workflowsDir)).filter((f) => /\.ya?ml$/.test(f)).sort();
const workflows = new Map<string, Workflow>();
for (const file of workflowFiles) {
  workflows.set(file, parse(await readFile(join(workflowsDir, file), 'utf8')) as Workflow);
}
const steps = (workflow: string, job: string) => workflows.get(workflow)?.jobs[job]?.steps ?? [];
const runs = (workflow: string) =>
  Object.values(workflows.get(workflow)?.jobs ?? {})
    .flatMap((job) => job.steps ?? [])
    .map((step) => step.run ?? '')
    .join('\n');

describe('.github/workflows', () => {
  it('holds the CI, images and release workflows', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'images.yml', 'release.yml']));
  });

  // One validator process per file, all at once: each loads the validator's wasm (1-3 s).
  const badWorkflow = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n';
  let results: Map<string, { ok: boolean; output: string }>;
  beforeAll(async () => {
    const bad = join(await mkdtemp(join(tmpdir(), 'workflow-')), 'bad.yml');
    await writeFile(bad, badWorkflow);
    const paths = [...workflowFiles.map((file) => join(workflowsDir, file)), bad];
    const validated = await Promise.all(
      paths.map(async (path) => [basename(path), await validate(path)] as const),
    );
    results = new Map(validated);
  }, 60_000);

  it.each(workflowFiles)('%s passes action-validator', (file) => {
    expect(results.get(file)?.ok, results.get(file)?.output).toBe(true);
  });

  it('the validator rejects a malformed workflow (so the checks above can fail)', () => {
    expect(results.get('bad.yml')?.ok).toBe(false);
    expect(results.get('bad.yml')?.output).toContain("Additional property 'stepz' is not allowed");
  });

  it('pins every action to a full commit SHA', () => {
    for (const [file, workflow] of workflows) {
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const uses = [job.uses, ...(job.steps ?? []).map((s) => s.uses)].filter((u): u is string => !!u);
        for (const action of uses.filter((u) => !u.startsWith('./'))) {
          expect(action, `${file} ${name}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
        }
      }
    }
  });

  it('runs only scripts and Dockerfiles that exist in the repository', () => {
    const text = workflowFiles.map((file) => runs(file)).join('\n');
    const builds = [...workflows.values()].flatMap((w) =>
      Object.values(w.jobs).flatMap((job) => (job.steps ?? []).map((s) => s.with?.['file'])),
    );
    const paths = [
      ...[...text.matchAll(/\b(scripts\/[\w./-]+\.(?:sh|ts))\b/g)].map((m) => m[1] ?? ''),
      ...builds.filter((f): f is string => typeof f === 'string' && !f.includes('${{')),
    ];
    expect(paths).toEqual(
      expect.arrayContaining(['scripts/ci/install-system-deps.sh', 'scripts/images-matrix.ts']),
    );
    for (const path of paths) expect(existsSync(join(root, path)), path).toBe(true);
  });

  it('ci.yml installs from the lockfile, tests with Ceph S3, builds pipelines and keeps the YAML', () => {
    const text = runs('ci.yml');
    for (const command of [
      'pnpm install --frozen-lockfile',
      'pnpm lint',
      'pnpm typecheck',
      'vitest run --project unit',
      'bash scripts/ci/install-system-deps.sh',
      'bash scripts/s3/rgw-up.sh',
      'pnpm test:integration',
      'pnpm build:pipelines',
    ]) {
      expect(text).toContain(command);
    }
    const upload = steps('ci.yml', 'check').find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.['path']).toBe('dist/pipelines');
  });

  it('ci.yml runs the conformance suites on upstream data at pinned commits, with Python readers, failing not skipping', async () => {
    const ci = workflows.get('ci.yml');
    expect(ci?.env?.['CI']).toBe('true');
    expect(ci?.jobs['check']?.container?.image).toMatch(/^node:24-bookworm$/);
    const check = steps('ci.yml', 'check');
    const upstream = check.filter((s) => s.with?.['repository'] === 'kubeflow/pipelines');
    const list = await readFile(join(root, 'scripts/ci/shared-kfp-files.txt'), 'utf8');
    const sources = list
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(' ')[1] ?? '');
    const pinned = new Map(
      upstream.map((s) => [String(s.with?.['ref']), String(s.with?.['sparse-checkout'])]),
    );
    for (const ref of pinned.keys()) expect(ref).toMatch(/^[0-9a-f]{40}$/);
    for (const source of sources) {
      const [ref = '', path = ''] = source.split(':');
      const sha = ref === '2.2.0' ? 'dd59f48cdd0f6cd7fac40306277ef5f3dad6e263' : ref;
      const sparse = (pinned.get(sha) ?? '').split('\n').filter(Boolean);
      expect(
        sparse.some((dir) => path.startsWith(`${dir}/`)),
        `${source} in a sparse checkout`,
      ).toBe(true);
    }
    const text = runs('ci.yml');
    expect(text).toContain(
      'bash scripts/ci/shared-from-upstream.sh .upstream/kfp .upstream/kfp-2.2.0 ../shared/kfp',
    );
    expect(text).toContain("python3 -c 'import pyarrow, duckdb, polars, nbclient'");
    expect(text).toContain('bash scripts/ci/install-node.sh');
  });

  it('uses the Node of .node-version (24 LTS) in every workflow', () => {
    for (const [file, workflow] of workflows) {
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (!step.uses?.startsWith('actions/setup-node@')) continue;
          expect(step.with, file).toMatchObject({ 'node-version-file': '.node-version' });
        }
        if (job.container?.image?.startsWith('node:')) expect(job.container.image, file).toMatch(/^node:24-/);
      }
    }
  });

  it('release.yml builds the tagged images first, then uploads every pipeline with the KFP secrets', () => {
    const release = workflows.get('release.yml');
    expect(Object.keys(release?.on ?? {})).toEqual(['push']);
    expect(release?.jobs['images']?.uses).toBe('./.github/workflows/images.yml');
    expect(workflows.get('images.yml')?.on).toHaveProperty('workflow_call');
    expect(release?.jobs['pipelines']?.needs).toBe('images');
    const upload = steps('release.yml', 'pipelines').find((s) => s.run?.includes('capstone upload'));
    expect(upload?.run).toMatch(/for file in dist\/pipelines\/\*\.yaml/);
    expect(upload?.run).toContain('capstone upload "$file" --host "$KFP_HOST" --version-name "$RELEASE_TAG"');
    expect(upload?.env).toEqual({
      KFP_HOST: '${{ secrets.KFP_HOST }}',
      KFP_TOKEN: '${{ secrets.KFP_TOKEN }}',
      KF_PIPELINES_NAMESPACE: '${{ vars.KFP_NAMESPACE }}',
      RELEASE_TAG: '${{ github.ref_name }}',
    });
    // scripts/release-upload.int.test.ts runs this step against the fake KFP API.
    const compile = steps('release.yml', 'pipelines').find((s) => s.run?.includes('build:pipelines'));
    expect(compile?.env?.['CAPSTONE_IMAGE_TAG']).toBe('${{ github.ref_name }}');
  });
});

describe('images.yml builds every component of the image manifest', () => {
  let manifest: ImageManifest;
  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'workflows-manifest-'));
    const images = { registry: 'ghcr.io/owner', tag: 'sha' };
    ({ manifest } = await compileAll({ root, outDir: out, images, bundle: false }));
  }, 60_000);

  const images = () => workflows.get('images.yml');

  it('takes its matrix from the manifest job (generated, not hard-coded)', () => {
    const component = images()?.jobs['component'];
    expect(component?.needs).toBe('manifest');
    expect(component?.strategy?.matrix).toBe('${{ fromJSON(needs.manifest.outputs.matrix) }}');
    const manifestJob = images()?.jobs['manifest'];
    expect(manifestJob?.outputs?.['matrix']).toBe('${{ steps.matrix.outputs.matrix }}');
    const runSteps = (manifestJob?.steps ?? []).map((s) => s.run ?? '');
    const build = runSteps.findIndex((r) => r.includes('pnpm build:pipelines'));
    const matrix = manifestJob?.steps?.findIndex((s) => s.run?.includes('scripts/images-matrix.ts'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(matrix).toBeGreaterThan(build);
    expect((manifestJob?.steps ?? [])[matrix ?? -1]).toMatchObject({ id: 'matrix' });
  });

  it('gets one matrix row per manifest image carrying every field the build step reads', () => {
    const rows = imagesMatrix(manifest, { revision: 'abc' }).include;
    expect(manifest.images.length).toBeGreaterThan(0);
    expect(rows.map((r) => `${r.project}/${r.component}`).sort()).toEqual(
      manifest.images.map((i) => `${i.project}/${i.component}`).sort(),
    );
    const buildStep = steps('images.yml', 'component').find((s) =>
      s.uses?.startsWith('docker/build-push-action@'),
    );
    const text = JSON.stringify(buildStep?.with ?? {});
    const used = [...text.matchAll(/matrix\.(\w+)/g)].map((m) => m[1] ?? '');
    expect(used).toEqual(expect.arrayContaining(['context', 'dockerfile', 'buildArgs', 'tags', 'name']));
    for (const row of rows) for (const key of used) expect(row, key).toHaveProperty(key);
    expect(buildStep?.with).toMatchObject({
      'cache-from': 'type=gha,scope=${{ matrix.name }}',
      'cache-to': 'type=gha,mode=max,scope=${{ matrix.name }}',
    });
  });

  it('builds both notebook variants for amd64 and arm64, baking in the component registry and tag', () => {
    const notebook = images()?.jobs['notebook'];
    expect(notebook?.needs).toBe('manifest');
    expect(notebook?.strategy?.matrix).toBe('${{ fromJSON(needs.manifest.outputs.notebooks) }}');
    expect(images()?.jobs['manifest']?.outputs?.['notebooks']).toBe('${{ steps.matrix.outputs.notebooks }}');
    const rows = notebooksMatrix(manifest, { revision: 'abc' }).include;
    expect(rows.map((r) => r.variant)).toEqual(['jupyter', 'codeserver']);
    for (const row of rows) {
      expect(row.dockerfile).toBe('docker/notebook.Dockerfile');
      expect(row.buildArgs.split('\n')).toEqual(
        expect.arrayContaining([`IMAGE_REGISTRY=${manifest.registry}`, `IMAGE_TAG=${manifest.tag}`]),
      );
    }
    for (const job of ['component', 'notebook']) {
      const buildStep = steps('images.yml', job).find((s) => s.uses?.startsWith('docker/build-push-action@'));
      expect(buildStep?.with?.['platforms'], job).toBe('linux/amd64,linux/arm64');
      expect(
        steps('images.yml', job).some((s) => s.uses?.startsWith('docker/setup-qemu-action@')),
        job,
      ).toBe(true);
      for (const key of ['context', 'dockerfile', 'buildArgs', 'tags', 'name']) {
        expect(JSON.stringify(buildStep?.with), `${job} ${key}`).toContain(`matrix.${key}`);
      }
    }
  });
});

describe('every image the compiled pipelines name is one CI pushes', () => {
  let compiled: CompileAllResult;
  const owner = 'kubeflow-capstones';
  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'workflows-defaults-'));
    // What `pnpm build:pipelines` compiles with no flags or env: the default registry and tag.
    compiled = await compileAll({ root, outDir: out, images: resolveImageOptions({}, {}), bundle: false });
  }, 60_000);

  const pushedOn = (env: NodeJS.ProcessEnv) =>
    new Set(
      imagesMatrix(compiled.manifest, buildOptionsFromEnv(env)).include.flatMap((row) =>
        row.tags.split('\n'),
      ),
    );

  it('pushes the default registry and tag from main, and every compiled reference is among them', async () => {
    const manifestStep = steps('images.yml', 'manifest').find((s) => s.run?.includes('pnpm build:pipelines'));
    expect(manifestStep?.run).toContain(
      'export CAPSTONE_IMAGE_REGISTRY="ghcr.io/${GITHUB_REPOSITORY_OWNER,,}"',
    );
    expect(compiled.manifest.registry).toBe(`ghcr.io/${owner}`);
    const sha = 'f'.repeat(40);
    const main = pushedOn({ GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main', GITHUB_REF_TYPE: 'branch' });
    const references: string[] = [];
    const others: string[] = [];
    for (const pipeline of compiled.pipelines) {
      for (const image of pipelineImages(await readFile(pipeline.file, 'utf8'))) {
        (image.component ? references : others).push(image.image);
      }
    }
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      expect(main.has(reference), `${reference} is pushed by images.yml on main`).toBe(true);
      expect(isPublishedTag(reference.split(':').at(-1) ?? '')).toBe(true);
    }
    // Other executors run images that are not ours to push (KFP's own, e.g. argostub/createpvc for a PVC).
    for (const other of others) expect(other.startsWith(`${compiled.manifest.registry}/`), other).toBe(false);
  });

  it('a pull request pushes nothing compiled by default; a release pushes its tag and latest', () => {
    const sha = 'e'.repeat(40);
    const pr = pushedOn({ GITHUB_SHA: sha, GITHUB_REF: 'refs/pull/1/merge', GITHUB_REF_TYPE: 'branch' });
    expect([...pr].every((tag) => tag.endsWith(`:${sha}`))).toBe(true);
    const release = pushedOn({
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/tags/v1.0.0',
      GITHUB_REF_TYPE: 'tag',
      GITHUB_REF_NAME: 'v1.0.0',
    });
    const image = compiled.manifest.images[0]?.repository ?? '';
    expect([...release].filter((t) => t.startsWith(`${image}:`)).sort()).toEqual(
      [`${image}:${sha}`, `${image}:latest`, `${image}:v1.0.0`].sort(),
    );
  });
});
