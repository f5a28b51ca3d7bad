import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKfpServer, type FakeKfpServer } from '../../testing/fake-kfp-server.js';
import { skipOrFail } from '../../testing/requirements.js';

// Executes notebooks/*.ipynb headlessly (nbclient + the tslab TypeScript kernel), in local mode and against the
// fake KFP API. Jupyter comes from pip (the local wheelhouse/index), tslab from npm into a cache folder outside
// the repository; where they cannot be installed the test is skipped with the reason (fails when CI=true).

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const sdk = join(repo, 'packages', 'sdk');
const TSLAB_VERSION = '1.0.22';
const TOKEN = 'notebook-test-token';

function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      command,
      args,
      { ...options, maxBuffer: 64 << 20, timeout: 540_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function hasJupyter(): boolean {
  return (
    spawnSync('python3', ['-c', 'import nbclient, nbformat, jupyter_client'], { stdio: 'ignore' }).status ===
    0
  );
}

async function ensureJupyter(): Promise<string | undefined> {
  if (hasJupyter()) return undefined;
  const local = existsSync('/opt/pypi/simple') ? ['--index-url', 'file:///opt/pypi/simple'] : [];
  const pip = await run('python3', [
    '-m',
    'pip',
    'install',
    '--quiet',
    ...local,
    'nbclient',
    'nbformat',
    'jupyter_client',
  ]);
  return hasJupyter()
    ? undefined
    : `Jupyter (nbclient) cannot be installed with pip: ${pip.stderr.trim().slice(-300)}`;
}

/** tslab in a cache folder outside the repository (never npm inside the repo). */
async function ensureTslab(): Promise<{ bin?: string; skip?: string }> {
  const dir = join(tmpdir(), `capstone-tslab-${TSLAB_VERSION}`);
  const bin = join(dir, 'node_modules', '.bin', 'tslab');
  if (!existsSync(bin)) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), '{ "name": "capstone-tslab", "private": true }\n');
    const pnpm = await run('pnpm', ['add', `tslab@${TSLAB_VERSION}`], { cwd: dir });
    if (pnpm.code !== 0 || !existsSync(bin))
      return { skip: `tslab cannot be installed from npm: ${pnpm.stderr.slice(-300)}` };
  }
  return { bin };
}

/**
 * A folder where `@capstone/sdk` looks as it does in the notebook image: tslab type-checks with Node10
 * resolution, which ignores `exports`, so the package gets `typesVersions` (here pointing at the sources, which
 * tsx runs).
 */
async function notebookHome(tslab: string): Promise<{ home: string; env: NodeJS.ProcessEnv }> {
  const home = await mkdtemp(join(tmpdir(), 'capstone-notebooks-'));
  const pkgDir = join(home, 'node_modules', '@capstone', 'sdk');
  await mkdir(pkgDir, { recursive: true });
  await symlink(join(sdk, 'src'), join(pkgDir, 'src'));
  await symlink(join(sdk, 'node_modules'), join(pkgDir, 'node_modules'));
  const pkg = JSON.parse(await readFile(join(sdk, 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const typesVersions: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(pkg.exports)) {
    if (typeof value !== 'object' || value === null) continue;
    const source = (value as { source: string }).source;
    pkg.exports[key] = { types: source, default: source };
    if (key !== '.') typesVersions[key.slice(2)] = [source];
  }
  await writeFile(
    join(pkgDir, 'package.json'),
    JSON.stringify({
      ...pkg,
      main: './src/index.ts',
      types: './src/index.ts',
      typesVersions: { '*': typesVersions },
    }),
  );
  await mkdir(join(home, 'node_modules', '@types'), { recursive: true });
  await symlink(
    dirname(createRequire(join(repo, 'package.json')).resolve('@types/node/package.json')),
    join(home, 'node_modules', '@types', 'node'),
  );
  const kernels = join(home, 'jupyter', 'kernels', 'tslab');
  await mkdir(kernels, { recursive: true });
  const argv = [tslab, 'kernel', '--config-path', '{connection_file}'];
  await writeFile(
    join(kernels, 'kernel.json'),
    JSON.stringify({ argv, display_name: 'TypeScript', language: 'typescript' }),
  );
  const tsx = pathToFileURL(createRequire(join(sdk, 'package.json')).resolve('tsx')).href;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    JUPYTER_PATH: join(home, 'jupyter'),
    NODE_OPTIONS: `--import ${tsx}`,
    CAPSTONE_REPO_ROOT: repo,
  };
  return { home, env };
}

let skip: string | undefined;
let home = '';
let baseEnv: NodeJS.ProcessEnv = {};
let fake: FakeKfpServer | undefined;

beforeAll(async () => {
  skip = await ensureJupyter();
  if (skip) return;
  const tslab = await ensureTslab();
  if (!tslab.bin) {
    skip = tslab.skip;
    return;
  }
  ({ home, env: baseEnv } = await notebookHome(tslab.bin));
}, 600_000);

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function execute(notebook: string, env: NodeJS.ProcessEnv) {
  const copy = join(home, notebook);
  await copyFile(join(repo, 'notebooks', notebook), copy);
  const script = join(repo, 'notebooks', 'run-notebook.py');
  return run('python3', [script, copy, '--cwd', home, '--timeout', '480'], { env: { ...baseEnv, ...env } });
}

const NOTEBOOKS = [
  ['object-detection.ipynb', { rows: 200, seed: 7 }],
  ['movie-recommender.ipynb', { rows: 300, seed: 11 }],
] as const;

describe('notebooks execute headlessly', () => {
  it.for(NOTEBOOKS)('%s with the local runner', { timeout: 600_000 }, async ([notebook], context) => {
    if (skip) return skipOrFail(context, skip);
    // The capstone pipelines download their real datasets (covered by their own e2e tests); locally the
    // notebook runs the network-free first pipeline through the same compile → run → check cells.
    const result = await execute(notebook, {
      CAPSTONE_NOTEBOOK_MODE: 'local',
      CAPSTONE_PIPELINE: 'example-first-pipeline',
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toContain('mode: local');
    expect(result.stdout).toMatch(/local run .*: succeeded/);
    expect(result.stdout).toContain('run succeeded');
  });

  it.for(NOTEBOOKS)(
    '%s against the fake KFP API',
    { timeout: 600_000 },
    async ([notebook, parameters], context) => {
      if (skip) return skipOrFail(context, skip);
      fake = await startFakeKfpServer({
        auth: { tokens: [TOKEN] },
        runStates: ['PENDING', 'RUNNING', 'SUCCEEDED'],
      });
      const result = await execute(notebook, {
        KF_PIPELINES_ENDPOINT: fake.url,
        KF_PIPELINES_TOKEN: TOKEN,
        CAPSTONE_POLL_MS: '10',
      });
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      const run = fake.store.runs[0];
      const capstone = notebook.replace('.ipynb', '');
      const real = existsSync(join(repo, 'dist', 'pipelines', `${capstone}.yaml`));
      expect(fake.store.pipelines.map((p) => p.name)).toEqual([real ? capstone : 'example-first-pipeline']);
      expect(run?.runtime_config?.parameters).toEqual(real ? undefined : parameters);
      expect(fake.store.experiments.map((e) => e.display_name)).toEqual(['notebooks']);
      expect(result.stdout).toContain(`${fake.url}/#/runs/details/${run?.run_id}`);
      expect(result.stdout).toContain('run succeeded');
    },
  );
});
