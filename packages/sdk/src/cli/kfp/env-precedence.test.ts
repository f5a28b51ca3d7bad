import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSamplePipeline } from '../../../testing/fake-kfp-fixtures.js';
import { startKfpCli, type KfpCli } from '../../../testing/kfp-cli.js';

// Which setting wins when flags and the environment variables the Python client reads disagree.

let cli: KfpCli | undefined;

afterEach(async () => {
  await cli?.close();
  cli = undefined;
});

const UNREACHABLE = 'http://127.0.0.1:9';

describe('host: --host/--endpoint, then KF_PIPELINES_ENDPOINT, then KFP_HOST', () => {
  it('uses the first one set', async () => {
    cli = await startKfpCli();
    const url = cli.fake.url;
    const ok = async (argv: string[], env: NodeJS.ProcessEnv) =>
      (await cli!.run(['pipeline', 'list', ...argv], env)).code;
    expect(await ok(['--host', url], { KF_PIPELINES_ENDPOINT: UNREACHABLE })).toBe(0);
    expect(await ok(['--endpoint', url], { KF_PIPELINES_ENDPOINT: UNREACHABLE })).toBe(0);
    expect(await ok([], { KF_PIPELINES_ENDPOINT: url, KFP_HOST: UNREACHABLE })).toBe(0);
    expect(await ok([], { KF_PIPELINES_ENDPOINT: '', KFP_HOST: url })).toBe(0);
    const unreachable = await cli.run(['pipeline', 'list'], { KF_PIPELINES_ENDPOINT: UNREACHABLE });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`cannot reach KFP at ${UNREACHABLE}`);
    const both = await cli.run(['pipeline', 'list', '--host', url, '--endpoint', UNREACHABLE]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--host and --endpoint name the same thing');
  });
});

describe('namespace: --namespace, then KF_PIPELINES_NAMESPACE', () => {
  it('sends the first one set', async () => {
    cli = await startKfpCli({}, { KF_PIPELINES_NAMESPACE: 'from-env' });
    await cli.run(['pipeline', 'list']);
    expect(cli.fake.requests.at(-1)?.query.namespace).toBe('from-env');
    await cli.run(['pipeline', 'list', '--namespace', 'from-flag']);
    expect(cli.fake.requests.at(-1)?.query.namespace).toBe('from-flag');
  });
});

describe('experiment: KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME, then -e, then KF_PIPELINES_DEFAULT_EXPERIMENT_NAME, then Default', () => {
  const experimentOf = (kfp: KfpCli) => {
    const id = kfp.fake.store.runs.at(-1)?.experiment_id;
    return kfp.fake.store.experiments.find((e) => e.experiment_id === id)?.display_name;
  };

  it.each([
    [{}, [], 'Default'],
    [{ KF_PIPELINES_DEFAULT_EXPERIMENT_NAME: 'team-default' }, [], 'team-default'],
    [{ KF_PIPELINES_DEFAULT_EXPERIMENT_NAME: 'team-default' }, ['-e', 'mine'], 'mine'],
    [{ KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME: 'pinned' }, ['-e', 'mine'], 'pinned'],
    [
      { KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME: 'pinned', KF_PIPELINES_DEFAULT_EXPERIMENT_NAME: 'd' },
      [],
      'pinned',
    ],
    [{ KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME: '', KF_PIPELINES_DEFAULT_EXPERIMENT_NAME: '' }, [], 'Default'],
  ])('env %j with flags %j runs in %s (run create and submit alike)', async (env, flags, expected) => {
    cli = await startKfpCli({}, env);
    const file = await writeSamplePipeline({ name: 'demo' });
    expect((await cli.run(['run', 'create', '-f', file, ...flags])).code).toBe(0);
    expect(experimentOf(cli)).toBe(expected);
    expect((await cli.run(['submit', file, ...flags])).code).toBe(0);
    expect(experimentOf(cli)).toBe(expected);
  });

  it('says so on stderr when the override replaced a name', async () => {
    cli = await startKfpCli({}, { KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME: 'pinned' });
    const result = await cli.run([
      'run',
      'create',
      '-f',
      await writeSamplePipeline(),
      '-e',
      'mine',
      '-o',
      'json',
    ]);
    expect(result.stderr).toContain(
      'experiment mine replaced by pinned (KF_PIPELINES_OVERRIDE_EXPERIMENT_NAME)',
    );
    expect(JSON.parse(result.stdout)).toMatchObject({
      display_name: expect.stringMatching(/^sample-pipeline /) as unknown,
    });
  });
});

describe('auth: KF_PIPELINES_TOKEN, then KF_PIPELINES_COOKIE, then KF_PIPELINES_SA_TOKEN_PATH', () => {
  it('sends the first one set, and never prints it, even when the server echoes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kfp-auth-'));
    const tokenPath = join(dir, 'token');
    await writeFile(tokenPath, 'file-token-7777\n');
    cli = await startKfpCli({
      auth: { tokens: ['env-token-5555', 'file-token-7777'], cookies: ['session=cookie-6666'] },
    });
    const all = {
      KF_PIPELINES_TOKEN: 'env-token-5555',
      KF_PIPELINES_COOKIE: 'session=cookie-6666',
      KF_PIPELINES_SA_TOKEN_PATH: tokenPath,
    };
    const sent = async (env: NodeJS.ProcessEnv) => {
      await cli!.run(['experiment', 'list'], env);
      const headers = cli!.fake.requests.at(-1)?.headers;
      return headers?.authorization ?? headers?.cookie;
    };
    expect(await sent(all)).toBe('Bearer env-token-5555');
    expect(await sent({ ...all, KF_PIPELINES_TOKEN: '' })).toBe('session=cookie-6666');
    expect(await sent({ KF_PIPELINES_SA_TOKEN_PATH: tokenPath })).toBe('Bearer file-token-7777');

    for (const [env, secret] of [
      [{ KF_PIPELINES_TOKEN: 'env-token-5555' }, 'env-token-5555'],
      [{ KF_PIPELINES_COOKIE: 'session=cookie-6666' }, 'cookie-6666'],
      [{ KF_PIPELINES_SA_TOKEN_PATH: tokenPath }, 'file-token-7777'],
    ] as const) {
      cli.fake.failNext(
        'listExperiments',
        500,
        `backend bug: echoed credentials Bearer ${secret} cookie-6666`,
      );
      const failed = await cli.run(['experiment', 'list', '-o', 'json'], env);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('echoed credentials');
      expect(failed.stdout + failed.stderr).not.toContain(secret);
      // A 2xx body is not scrubbed by the client; the CLI masks it on output.
      cli.fake.store.experiments.push({
        experiment_id: `id-${secret}`,
        display_name: `leaked-${secret}`,
        created_at: '2026-01-01T00:00:00Z',
        storage_state: 'AVAILABLE',
      });
      for (const format of ['table', 'json']) {
        const listed = await cli.run(['experiment', 'list', '-o', format], env);
        expect(listed.code).toBe(0);
        expect(listed.stdout).toContain('leaked-***');
        expect(listed.stdout + listed.stderr).not.toContain(secret);
      }
      cli.fake.store.experiments.length = 0;
    }
  });
});

describe('run links: KF_PIPELINES_UI_ENDPOINT, then relative in a notebook (NB_PREFIX), then the API host', () => {
  it.each([
    [
      { KF_PIPELINES_UI_ENDPOINT: 'https://kf.example.com/_/pipeline/' },
      'https://kf.example.com/_/pipeline/#/runs/details/',
    ],
    [
      { KF_PIPELINES_UI_ENDPOINT: 'kf.example.com', NB_PREFIX: '/notebook/alice/nb' },
      'http://kf.example.com/#/runs/details/',
    ],
    [{ NB_PREFIX: '/notebook/alice/nb' }, '/pipeline/#/runs/details/'],
    [{}, 'FAKE/#/runs/details/'],
  ])('env %j links to %s<id>', async (env, prefix) => {
    cli = await startKfpCli({}, env);
    const result = await cli.run(['run', 'create', '-f', await writeSamplePipeline()]);
    const id = cli.fake.store.runs[0]?.run_id ?? '';
    expect(result.stdout).toContain(`Run details: ${prefix.replace('FAKE', cli.fake.url)}${id}\n`);
  });
});
