import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { samplePipelineYaml, writeSamplePipeline } from '../../testing/fake-kfp-fixtures.js';
import {
  startFakeKfpServer,
  type FakeKfpOptions,
  type FakeKfpServer,
} from '../../testing/fake-kfp-server.js';
import { UsageError, type CliContext } from './command.js';
import { submitCommand } from './submit-command.js';
import { uploadCommand } from './upload-command.js';

const TOKEN = 'cli-test-token-42';
let server: FakeKfpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function harness(fake: FakeKfpOptions = {}, cwd?: string) {
  server = await startFakeKfpServer({ auth: { tokens: [TOKEN] }, ...fake });
  const out = capture();
  const err = capture();
  const controller = new AbortController();
  const context: CliContext = {
    cwd: cwd ?? tmpdir(),
    env: { KF_PIPELINES_ENDPOINT: server.url, KF_PIPELINES_TOKEN: TOKEN, KF_PIPELINES_NAMESPACE: 'alice' },
    stdout: out.stream,
    stderr: err.stream,
    isTTY: false,
    signal: controller.signal,
  };
  return { fake: server, context, out: out.text, err: err.text, controller };
}

/** A folder that looks like the repo after `pnpm build:pipelines`. */
async function repoWithCompiledPipeline(name: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'capstone-repo-'));
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages: []\n');
  await mkdir(join(root, 'dist', 'pipelines'), { recursive: true });
  await writeFile(join(root, 'dist', 'pipelines', `${name}.yaml`), samplePipelineYaml({ name }));
  await mkdir(join(root, 'sub'));
  return root;
}

describe('capstone upload', () => {
  it('uploads a file, then adds a version, authenticating with the env token', async () => {
    const { fake, context, out } = await harness({ multiUser: true });
    const path = await writeSamplePipeline({ name: 'demo' });
    expect(await uploadCommand.run([path], context)).toBe(0);
    await writeFile(path, samplePipelineYaml({ name: 'demo', revision: 2 }));
    expect(await uploadCommand.run([path, '--description', 'second'], context)).toBe(0);
    expect(out()).toContain('created pipeline demo');
    expect(out()).toContain('added version to pipeline demo');
    expect(out()).toContain('(bearer token, namespace alice)');
    expect(out()).not.toContain(TOKEN);
    expect(fake.store.versions).toHaveLength(2);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('resolves a bare name to dist/pipelines/<name>.yaml under the repo root', async () => {
    const root = await repoWithCompiledPipeline('movie-recs');
    const { fake, context } = await harness({}, join(root, 'sub'));
    expect(await uploadCommand.run(['movie-recs', '--name', 'renamed'], context)).toBe(0);
    expect(fake.store.pipelines.map((p) => p.name)).toEqual(['renamed']);
    await expect(uploadCommand.run(['absent'], context)).rejects.toThrow(
      /no compiled pipeline named 'absent'.*build:pipelines/,
    );
  });

  it('-o json prints what the upload did', async () => {
    const { context, out } = await harness();
    const path = await writeSamplePipeline({ name: 'demo' });
    expect(await uploadCommand.run([path, '--version-name', 'v7', '-o', 'json'], context)).toBe(0);
    expect(JSON.parse(out())).toMatchObject({
      action: 'created-pipeline',
      pipeline: { name: 'demo' },
      version: { name: 'v7' },
    });
  });

  it('--host overrides the environment', async () => {
    const { fake, context } = await harness();
    const env = { ...context.env, KF_PIPELINES_ENDPOINT: 'http://127.0.0.1:9' };
    const code = await uploadCommand.run([await writeSamplePipeline(), '--host', fake.url], {
      ...context,
      env,
    });
    expect(code).toBe(0);
  });
});

describe('capstone submit', () => {
  it('uploads, runs with typed parameters, prints the URL and each state, and exits 0 on success', async () => {
    const { fake, context, out } = await harness({
      runStates: ['PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED'],
    });
    const path = await writeSamplePipeline({ name: 'demo', defaultPipelineRoot: 's3://b/root' });
    const code = await submitCommand.run(
      [
        path,
        '--param',
        'rows=7',
        '--param',
        'label=a=b',
        '--experiment',
        'nightly',
        '--run-name',
        'r1',
        '--wait',
        '--poll',
        '0.001',
      ],
      context,
    );
    expect(code).toBe(0);
    const run = fake.store.runs[0];
    expect(run?.runtime_config).toEqual({
      parameters: { rows: 7, label: 'a=b' },
      pipeline_root: 's3://b/root',
    });
    expect(fake.store.experiments.map((e) => [e.display_name, e.namespace])).toEqual([['nightly', 'alice']]);
    expect(out()).toContain(`${fake.url}/#/runs/details/${run?.run_id}`);
    expect(
      out()
        .match(/\d+s {2}(PENDING|RUNNING|SUCCEEDED)/g)
        ?.map((l) => l.split(/\s+/)[1]),
    ).toEqual(['RUNNING', 'SUCCEEDED']);
  });

  it('-o json prints one parseable summary (upload, experiment, run, link); progress goes to stderr', async () => {
    const { fake, context, out, err } = await harness({ runStates: ['PENDING', 'SUCCEEDED'] });
    const path = await writeSamplePipeline({ name: 'demo' });
    const args = [
      path,
      'rows=2',
      '--version-name',
      'v1',
      '--service-account',
      'sa-1',
      '-w',
      '--poll',
      '0.001',
    ];
    expect(await submitCommand.run([...args, '-o', 'json'], context)).toBe(0);
    const summary = JSON.parse(out()) as Record<string, { run_id?: string; name?: string; state?: string }>;
    const run = fake.store.runs[0];
    expect(summary).toMatchObject({
      action: 'created-pipeline',
      version: { name: 'v1' },
      experiment: { display_name: 'Default' },
      run: { run_id: run?.run_id, state: 'SUCCEEDED' },
      url: `${fake.url}/#/runs/details/${run?.run_id}`,
    });
    expect(run?.service_account).toBe('sa-1');
    expect(run?.runtime_config?.parameters).toEqual({ rows: 2 });
    expect(err()).toContain('created pipeline demo');
    expect(err()).toMatch(/\d+s {2}SUCCEEDED/);
  });

  it('exits 1 with the run error when the run fails', async () => {
    const { context, err } = await harness({ runStates: ['PENDING', 'FAILED'] });
    const code = await submitCommand.run([await writeSamplePipeline(), '--wait', '--poll', '0.001'], context);
    expect(code).toBe(1);
    expect(err()).toMatch(/finished FAILED: run .* failed/);
  });

  it('without --wait returns after creating the run', async () => {
    const { fake, context } = await harness({ runStates: ['PENDING', 'RUNNING'] });
    expect(await submitCommand.run([await writeSamplePipeline()], context)).toBe(0);
    expect(fake.requests.filter((r) => r.operation === 'getRun')).toHaveLength(0);
  });

  it('times out with a clear error while the run keeps going', async () => {
    const { context } = await harness({ runStates: ['PENDING', 'RUNNING'] });
    await expect(
      submitCommand.run(
        [await writeSamplePipeline(), '--wait', '--timeout', '0.01', '--poll', '0.001'],
        context,
      ),
    ).rejects.toThrow(/still RUNNING after 0.01s; it keeps running/);
  });

  it('returns 130 when interrupted while waiting', async () => {
    const { context, controller, err } = await harness({ runStates: ['PENDING', 'RUNNING'] });
    context.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('RUNNING')) controller.abort(new Error('interrupted by SIGINT'));
    });
    const code = await submitCommand.run([await writeSamplePipeline(), '--wait', '--poll', '0.001'], context);
    expect(code).toBe(130);
    expect(err()).toContain('a started run keeps going');
  });

  it('rejects bad flags as usage errors', async () => {
    const { context } = await harness();
    const path = await writeSamplePipeline();
    await expect(submitCommand.run([path, '--param', 'novalue'], context)).rejects.toThrow(UsageError);
    await expect(submitCommand.run([path, '--poll', '5'], context)).rejects.toThrow(
      /--poll applies only with --watch or --timeout/,
    );
    await expect(submitCommand.run([path, '--disable-caching'], context)).rejects.toThrow(
      /capstone run create -f FILE --disable-caching/,
    );
    await expect(submitCommand.run([path, '--wait', '--timeout=abc'], context)).rejects.toThrow(
      /positive number/,
    );
    await expect(submitCommand.run([path, '--param', 'rows=x'], context)).rejects.toThrow(
      /must be an integer/,
    );
  });

  it('refuses component images tagged with something CI never pushes, before uploading anything', async () => {
    const { context, fake } = await harness();
    const dir = await mkdtemp(join(tmpdir(), 'kfp-unpublished-'));
    const path = join(dir, 'sample-pipeline.yaml');
    const spec = parse(samplePipelineYaml()) as {
      deploymentSpec: { executors: Record<string, { container: { image: string; command: string[] } }> };
    };
    spec.deploymentSpec.executors['exec-echo'] = {
      container: { image: 'ghcr.io/o/p-a:dev', command: ['node', '/app/main.mjs'] },
    };
    const text = stringify(spec);
    expect(text).toContain('ghcr.io/o/p-a:dev');
    await writeFile(path, text);
    await expect(submitCommand.run([path], context)).rejects.toThrow(
      /runs ghcr\.io\/o\/p-a:dev, whose tag CI never pushes .*--tag <commit sha>.*--any-image-tag/,
    );
    expect(fake.store.pipelines).toEqual([]);
    expect(await submitCommand.run([path, '--any-image-tag'], context)).toBe(0);
    expect(fake.store.pipelines.map((p) => p.name)).toEqual(['sample-pipeline']);
  });
});
