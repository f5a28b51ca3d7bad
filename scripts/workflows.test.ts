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
import { compileAll, type ImageManifest } from '@capstone/sdk/build';
import { imagesMatrix } from './images-matrix.js';

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
  readonly needs?: string | readonly string[];
  readonly steps?: readonly Step[];
  readonly strategy?: { readonly matrix?: unknown };
  readonly outputs?: Record<string, string>;
}
interface Workflow {
  readonly on: Record<string, unknown>;
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

  it('builds both notebook variants from docker/notebook.Dockerfile', () => {
    const notebook = images()?.jobs['notebook'];
    expect(notebook?.strategy?.matrix).toEqual({ variant: ['jupyter', 'codeserver'] });
    const buildStep = steps('images.yml', 'notebook').find((s) =>
      s.uses?.startsWith('docker/build-push-action@'),
    );
    expect(buildStep?.with?.['file']).toBe('docker/notebook.Dockerfile');
    expect(buildStep?.with?.['build-args']).toContain('VARIANT=${{ matrix.variant }}');
  });
});
