// Executes notebooks/*.ipynb headlessly inside the built Jupyter notebook image, with nothing from this
// checkout: the notebooks the image copies into the home folder at start (/init), the workspace installed in
// /opt/capstone, its `capstone` CLI and tslab kernel. Each notebook runs twice:
//   - local mode (no cluster): compiles the installed projects and runs the network-free first pipeline;
//   - as in a Kubeflow pod: KFP at the in-cluster service name (a fake KFP API on loopback behind it) and the
//     access-ml-pipeline PodDefault's projected token file; checks the uploaded pipeline names the image's
//     component registry and tag (published tags only) and that the run link is relative (/pipeline/#/…).
// Exits 1 unless every execution ends with "run succeeded" and every check holds.
//
//   . scripts/images/env.sh
//   node --conditions=source --import tsx scripts/images/run-notebooks.ts [--manifest dist/pipelines/images.json]
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { notebookDockerBuild, pipelineImages, unpublishedComponentImages } from '@capstone/sdk/build';
import { startFakeKfpServer } from '@capstone/sdk/testing';
import { DEFAULT_MANIFEST, readManifest } from '../images-matrix.js';

const NOTEBOOKS = ['object-detection', 'movie-recommender'] as const;
const HOME_NOTEBOOKS = '/home/jovyan/capstone-notebooks';
const SERVICE = 'ml-pipeline.kubeflow.svc.cluster.local';
const TOKEN = 'notebook-pod-token';
// Where the projected token is mounted. Not the PodDefault's /var/run/secrets/kubeflow/pipelines: buildah's
// chroot isolation mounts its own /run/secrets over it. The PodDefault sets KF_PIPELINES_SA_TOKEN_PATH, and so
// does this run.
const TOKEN_DIR = '/kfp-sa-token';

function buildah(args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile('buildah', args, { maxBuffer: 64 << 20, timeout: 900_000 }, (error, stdout, stderr) => {
      done({
        code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        out: `${stdout}${stderr}`,
      });
    });
  });
}

async function inContainer<T>(image: string, use: (container: string) => Promise<T>): Promise<T> {
  const created = await buildah(['from', '--pull=never', '--quiet', image]);
  if (created.code !== 0) throw new Error(`no local image ${image}: ${created.out.trim()}`);
  const container = created.out.trim();
  try {
    return await use(container);
  } finally {
    await buildah(['rm', container]);
  }
}

function execute(container: string, notebook: string, env: Record<string, string>, extra: string[] = []) {
  const envFlags = Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const script = '/opt/capstone/notebooks/run-notebook.py';
  const file = `${HOME_NOTEBOOKS}/${notebook}.ipynb`;
  return buildah([
    'run',
    ...extra,
    ...envFlags,
    container,
    '--',
    '/init',
    'python3',
    script,
    file,
    '--cwd',
    HOME_NOTEBOOKS,
    '--timeout',
    '600',
  ]);
}

function expectIn(output: string, what: string, ok: boolean): void {
  if (!ok) throw new Error(`${what}\n--- notebook output ---\n${output.slice(-6000)}`);
}

async function localMode(image: string, notebook: string): Promise<void> {
  const { code, out } = await inContainer(image, (c) =>
    execute(c, notebook, { CAPSTONE_NOTEBOOK_MODE: 'local', CAPSTONE_PIPELINE: 'example-first-pipeline' }),
  );
  expectIn(out, `${notebook} (local): exit ${code}`, code === 0);
  expectIn(out, `${notebook} (local): no successful local run`, /local run .*: succeeded/.test(out));
  expectIn(out, `${notebook} (local): no "run succeeded"`, out.includes('run succeeded'));
}

async function podMode(image: string, notebook: string, images: { registry: string; tag: string }) {
  const fake = await startFakeKfpServer({
    auth: { tokens: [TOKEN] },
    runStates: ['PENDING', 'RUNNING', 'SUCCEEDED'],
  });
  const tokenDir = await mkdtemp(join(tmpdir(), 'kfp-token-'));
  // Readable by the pod's user, as the kubelet projects it.
  await chmod(tokenDir, 0o755);
  await writeFile(join(tokenDir, 'token'), `${TOKEN}\n`, { mode: 0o644 });
  try {
    const { code, out } = await inContainer(image, async (c) => {
      // The service name resolves to the fake API, as cluster DNS would resolve it in a pod.
      await buildah([
        'run',
        '--no-hosts',
        '--user',
        '0',
        c,
        '--',
        'sh',
        '-c',
        `echo "127.0.0.1 ${SERVICE}" >> /etc/hosts`,
      ]);
      return execute(
        c,
        notebook,
        {
          KF_PIPELINES_ENDPOINT: `http://${SERVICE}:${new URL(fake.url).port}`,
          KF_PIPELINES_SA_TOKEN_PATH: `${TOKEN_DIR}/token`,
          CAPSTONE_POLL_MS: '10',
        },
        ['--no-hosts', '--volume', `${tokenDir}:${TOKEN_DIR}:ro`],
      );
    });
    expectIn(out, `${notebook} (pod): exit ${code}`, code === 0);
    const run = fake.store.runs[0];
    expectIn(out, `${notebook} (pod): no run created`, run !== undefined);
    expectIn(
      out,
      `${notebook} (pod): uploaded ${fake.store.pipelines.map((p) => p.name).join(', ')}`,
      fake.store.pipelines.map((p) => p.name).join() === notebook,
    );
    const spec = fake.store.versions[0]?.spec ?? '';
    const used = pipelineImages(spec).map((i) => i.image);
    const prefix = `${images.registry}/`;
    const named = used.length > 0 && used.every((i) => i.startsWith(prefix) && i.endsWith(`:${images.tag}`));
    expectIn(
      out,
      `${notebook} (pod): uploaded images ${used.join(', ')} are not ${prefix}*:${images.tag}`,
      named,
    );
    expectIn(out, `${notebook} (pod): unpublished image tags`, unpublishedComponentImages(spec).length === 0);
    const link = `/pipeline/#/runs/details/${run?.run_id ?? ''}`;
    expectIn(out, `${notebook} (pod): no relative run link ${link}`, out.includes(` ${link}`));
    expectIn(out, `${notebook} (pod): no "run succeeded"`, out.includes('run succeeded'));
    return used.length;
  } finally {
    await fake.close();
    await rm(tokenDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { manifest: { type: 'string', default: DEFAULT_MANIFEST } } });
  const manifest = await readManifest(resolve(values.manifest));
  const images = { registry: manifest.registry, tag: manifest.tag };
  const image = notebookDockerBuild('jupyter', images).tags[0] ?? '';
  for (const notebook of NOTEBOOKS) {
    const started = Date.now();
    await localMode(image, notebook);
    const count = await podMode(image, notebook, images);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(
      `notebook ${notebook}: ran top to bottom in ${image}, locally and as in a pod (uploaded ${notebook}, ` +
        `${count} images ${images.registry}/*:${images.tag}, relative run link) in ${seconds} s\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`run-notebooks: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
