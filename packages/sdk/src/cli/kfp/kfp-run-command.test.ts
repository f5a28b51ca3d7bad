import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { samplePipelineYaml, writeSamplePipeline } from '../../../testing/fake-kfp-fixtures.js';
import type { FakeKfpOptions } from '../../../testing/fake-kfp-server.js';
import { startKfpCli, type KfpCli } from '../../../testing/kfp-cli.js';
import type { KfpRun } from '../../client/index.js';

let cli: KfpCli | undefined;

afterEach(async () => {
  await cli?.close();
  cli = undefined;
});

async function start(runStates?: FakeKfpOptions['runStates']) {
  cli = await startKfpCli(
    { multiUser: true, ...(runStates ? { runStates } : {}) },
    { KF_PIPELINES_NAMESPACE: 'alice' },
  );
  return cli;
}

const lastCreateRun = (kfp: KfpCli) =>
  kfp.fake.requests.filter((r) => r.operation === 'createRun').at(-1)?.json as Record<string, unknown>;

type Tasks = Record<string, { cachingOptions?: Record<string, unknown> }>;

describe('capstone run create -f (inline pipeline_spec, like kfp run create -f)', () => {
  it('sends the file as pipeline_spec with typed parameters, the pipeline root and the service account', async () => {
    const kfp = await start();
    const path = await writeSamplePipeline({ name: 'demo', defaultPipelineRoot: 's3://bucket/root' });
    const run = await kfp.json<KfpRun>([
      'run',
      'create',
      '-f',
      path,
      'rows=7',
      '--param',
      'label=a=b',
      '-e',
      'nightly',
      '-r',
      'r1',
      '--service-account',
      'pipeline-runner',
      '-o',
      'json',
    ]);
    const body = lastCreateRun(kfp);
    expect(body).toEqual({
      display_name: 'r1',
      experiment_id: kfp.fake.store.experiments[0]?.experiment_id,
      pipeline_spec: parse(
        samplePipelineYaml({ name: 'demo', defaultPipelineRoot: 's3://bucket/root' }),
      ) as unknown,
      runtime_config: { parameters: { rows: 7, label: 'a=b' }, pipeline_root: 's3://bucket/root' },
      service_account: 'pipeline-runner',
    });
    expect(kfp.fake.store.experiments.map((e) => [e.display_name, e.namespace])).toEqual([
      ['nightly', 'alice'],
    ]);
    expect(run).toMatchObject({ run_id: kfp.fake.store.runs[0]?.run_id, service_account: 'pipeline-runner' });
    expect(kfp.fake.store.pipelines).toEqual([]);
  });

  it('--disable-caching turns caching off for every task, sub-DAGs included; --enable-caching on', async () => {
    const kfp = await start();
    const path = await writeSamplePipeline({ name: 'demo', subDag: true });
    expect((await kfp.run(['run', 'create', '-f', path, '--disable-caching'])).code).toBe(0);
    const off = lastCreateRun(kfp).pipeline_spec as {
      root: { dag: { tasks: Tasks } };
      components: Record<string, { dag?: { tasks: Tasks } }>;
    };
    expect(Object.values(off.root.dag.tasks).map((t) => t.cachingOptions)).toEqual([{}, {}]);
    expect(off.components['comp-inner']?.dag?.tasks.leaf?.cachingOptions).toEqual({});
    expect((await kfp.run(['run', 'create', '-f', path, '--enable-caching'])).code).toBe(0);
    const on = lastCreateRun(kfp).pipeline_spec as typeof off;
    expect(on.components['comp-inner']?.dag?.tasks.leaf?.cachingOptions).toEqual({ enableCache: true });
    const both = await kfp.run(['run', 'create', '-f', path, '--enable-caching', '--disable-caching']);
    expect(both.code).toBe(2);
  });

  it('a file with a platform spec is sent as {pipeline_spec, platform_spec}, as the backend and kfp wrap it', async () => {
    const kfp = await start();
    const path = await writeSamplePipeline({ name: 'demo', platformSpec: true });
    expect((await kfp.run(['run', 'create', '-f', path])).code).toBe(0);
    const spec = lastCreateRun(kfp).pipeline_spec as Record<string, Record<string, unknown>>;
    expect(Object.keys(spec)).toEqual(['pipeline_spec', 'platform_spec']);
    expect(spec.pipeline_spec?.pipelineInfo).toMatchObject({ name: 'demo' });
    expect(spec.platform_spec?.platforms).toMatchObject({ kubernetes: {} });
  });

  it('prints the run link and the kfp run table', async () => {
    const kfp = await start();
    const result = await kfp.run(['run', 'create', '-f', await writeSamplePipeline({ name: 'demo' })]);
    const id = kfp.fake.store.runs[0]?.run_id ?? '';
    expect(result.stdout).toMatch(
      new RegExp(
        `^Run details: ${kfp.fake.url}/#/runs/details/${id}\\nID +NAME +CREATED AT +STATE +STORAGE STATE\\n${id} +demo \\d{4}-\\d\\d-\\d\\dT\\S+ +\\S+ +PENDING +AVAILABLE\\n$`,
      ),
    );
  });
});

describe('capstone run create from a stored pipeline', () => {
  async function uploaded(kfp: KfpCli) {
    const path = await writeSamplePipeline({ name: 'demo', defaultPipelineRoot: 'minio://mlpipeline/v2' });
    await kfp.run(['upload', path, '--version-name', 'v1']);
    await kfp.run(['upload', path.replace('demo.yaml', 'demo.yaml'), '--version-name', 'v1']);
    return { path, pipeline: kfp.fake.store.pipelines[0], version: kfp.fake.store.versions[0] };
  }

  it('by pipeline id runs the latest version, typing parameters by its stored spec', async () => {
    const kfp = await start();
    const { pipeline, version } = await uploaded(kfp);
    expect((await kfp.run(['run', 'create', '-p', pipeline?.pipeline_id ?? '', 'rows=3'])).code).toBe(0);
    expect(lastCreateRun(kfp)).toMatchObject({
      pipeline_version_reference: {
        pipeline_id: pipeline?.pipeline_id,
        pipeline_version_id: version?.pipeline_version_id,
      },
      runtime_config: { parameters: { rows: 3 }, pipeline_root: 'minio://mlpipeline/v2' },
    });
    expect(lastCreateRun(kfp)).not.toHaveProperty('pipeline_spec');
    const typed = await kfp.run(['run', 'create', '-p', pipeline?.pipeline_id ?? '', 'rows=x']);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toContain("parameter rows must be an integer, got 'x'");
  });

  it('by pipeline name and version name, or version id', async () => {
    const kfp = await start();
    const { pipeline, version } = await uploaded(kfp);
    expect((await kfp.run(['run', 'create', '-n', 'demo', '--version-name', 'v1'])).code).toBe(0);
    expect(
      (
        await kfp.run([
          'run',
          'create',
          '-p',
          pipeline?.pipeline_id ?? '',
          '-v',
          version?.pipeline_version_id ?? '',
        ])
      ).code,
    ).toBe(0);
    const references = kfp.fake.store.runs.map((r) => r.pipeline_version_reference?.pipeline_version_id);
    expect(references).toEqual([version?.pipeline_version_id, version?.pipeline_version_id]);
    const missing = await kfp.run(['run', 'create', '-n', 'demo', '--version-name', 'v9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("pipeline demo has no version named 'v9'");
    const absent = await kfp.run(['run', 'create', '-p', 'no-such-id']);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('HTTP 404');
    expect(absent.stderr).toContain('no-such-id');
  });

  it('refuses a caching override for a stored version (its caching is fixed), and other bad usage, with exit 2', async () => {
    const kfp = await start();
    const { pipeline } = await uploaded(kfp);
    const cases: [string[], RegExp][] = [
      [
        ['run', 'create', '-p', pipeline?.pipeline_id ?? '', '--disable-caching'],
        /need -f: a stored version's caching is fixed/,
      ],
      [
        ['run', 'create'],
        /say what to run: -f\/--package-file FILE, -p\/--pipeline-id ID or -n\/--pipeline-name NAME/,
      ],
      [['run', 'create', '-f', 'x.yaml', '-p', 'id'], /give one of --package-file, --pipeline-id/],
      [['run', 'create', '-n', 'demo', 'rows'], /a parameter must be key=value, got 'rows'/],
      [['run', 'create', '-n', 'demo', '-e', 'a', '--experiment-id', 'b'], /not both/],
      [['run', 'create', '-n', 'demo', '-o', 'yaml'], /--output must be one of table, json, got 'yaml'/],
      [
        ['run', 'create', '-n', 'demo', '--host', 'ml-pipeline:8888'],
        /KFP host 'ml-pipeline:8888' must use http or https/,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await kfp.run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});

describe('capstone run get/list/terminate/retry/archive/delete', () => {
  async function oneRun(states?: Parameters<typeof start>[0]) {
    const kfp = await start(states);
    await kfp.run(['run', 'create', '-f', await writeSamplePipeline({ name: 'demo' }), '-e', 'exp']);
    return { kfp, runId: kfp.fake.store.runs[0]?.run_id ?? '' };
  }

  it('get prints the run; --watch waits, prints each state, exits 0 on success and 1 on failure', async () => {
    const { kfp, runId } = await oneRun(['PENDING', 'RUNNING', 'SUCCEEDED']);
    expect(await kfp.json(['run', 'get', runId, '-o', 'json'])).toMatchObject({
      run_id: runId,
      state: 'RUNNING',
    });
    const watched = await kfp.run(['run', 'get', runId, '--watch', '--poll', '0.001', '-o', 'json']);
    expect(watched.code).toBe(0);
    expect(JSON.parse(watched.stdout)).toMatchObject({ run_id: runId, state: 'SUCCEEDED' });
    expect(watched.stderr).toMatch(/\d+s {2}SUCCEEDED\nrun \S+ SUCCEEDED\n$/);
    const failing = await oneRun(['PENDING', 'FAILED']);
    const failed = await failing.kfp.run(['run', 'get', failing.runId, '-w', '--poll', '0.001']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`run ${failing.runId} finished FAILED: run `);
  });

  it('list scopes to the namespace or an experiment and parses back as JSON', async () => {
    const { kfp } = await oneRun();
    const runs = await kfp.json<KfpRun[]>(['run', 'list', '-o', 'json']);
    expect(runs.map((r) => r.run_id)).toEqual(kfp.fake.store.runs.map((r) => r.run_id));
    expect(kfp.fake.requests.at(-1)?.query).toMatchObject({ namespace: 'alice', page_size: '100' });
    const experimentId = kfp.fake.store.experiments[0]?.experiment_id ?? '';
    await kfp.run(['run', 'list', '-e', experimentId]);
    expect(kfp.fake.requests.at(-1)?.query).toEqual({
      experiment_id: experimentId,
      page_size: '100',
      sort_by: 'created_at desc',
    });
  });

  it('terminate cancels a running run; retry restarts a failed one; retrying a running one is the server error', async () => {
    const { kfp, runId } = await oneRun(['PENDING', 'RUNNING']);
    const terminated = await kfp.json<KfpRun>(['run', 'terminate', runId, '-o', 'json']);
    expect(terminated.state).toBe('CANCELING');
    expect((await kfp.json<KfpRun>(['run', 'get', runId, '-o', 'json'])).state).toBe('CANCELED');
    expect((await kfp.json<KfpRun>(['run', 'retry', runId, '-o', 'json'])).state).toBe('RUNNING');
    const refused = await kfp.run(['run', 'retry', runId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Failed to retry run ${runId} as it does not allow retries`);
  });

  it('archive and unarchive flip the storage state; delete needs --yes', async () => {
    const { kfp, runId } = await oneRun();
    expect((await kfp.json<KfpRun>(['run', 'archive', runId, '-o', 'json'])).storage_state).toBe('ARCHIVED');
    expect((await kfp.json<KfpRun>(['run', 'unarchive', runId, '-o', 'json'])).storage_state).toBe(
      'AVAILABLE',
    );
    expect((await kfp.run(['run', 'delete', runId])).code).toBe(2);
    expect((await kfp.run(['run', 'delete', runId, '--yes'])).stdout).toBe(`Run ${runId} deleted.\n`);
    expect(kfp.fake.store.runs).toEqual([]);
    const gone = await kfp.run(['run', 'get', runId]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`Not found: run ${runId}`);
  });
});
