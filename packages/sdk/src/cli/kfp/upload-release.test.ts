import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { samplePipelineYaml, writeSamplePipeline } from '../../../testing/fake-kfp-fixtures.js';
import { startKfpCli, type KfpCli } from '../../../testing/kfp-cli.js';

// The release workflow's upload step: every pipeline as a version named after the tag, in a namespace, with a
// token read from a file on every request; re-running it must not add versions.

let cli: KfpCli | undefined;

afterEach(async () => {
  await cli?.close();
  cli = undefined;
});

async function tokenFile(token: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'kfp-token-')), 'token');
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  return path;
}

describe('release uploads (capstone upload --version-name <tag>)', () => {
  it('uploads each pipeline as version <tag> in the namespace; a re-run reuses them', async () => {
    const path = await tokenFile('release-token-aaaa');
    cli = await startKfpCli(
      { auth: { tokens: ['release-token-aaaa'] }, multiUser: true },
      { KF_PIPELINES_SA_TOKEN_PATH: path },
    );
    const files = [
      await writeSamplePipeline({ name: 'movies' }),
      await writeSamplePipeline({ name: 'detect' }),
    ];
    const release = async () => {
      for (const file of files) {
        const result = await cli!.run(['upload', file, '--version-name', 'v1.4.0', '--namespace', 'team-a']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      }
    };
    await release();
    expect(cli.fake.versions()).toEqual([
      ['movies', 'v1.4.0'],
      ['detect', 'v1.4.0'],
    ]);
    expect(cli.fake.store.pipelines.map((p) => p.namespace)).toEqual(['team-a', 'team-a']);
    const before = cli.fake.requests.length;
    await release();
    expect(cli.fake.versions()).toHaveLength(2);
    const rerun = cli.fake.requests.slice(before).map((r) => r.operation);
    expect(rerun).not.toContain('uploadPipeline');
    expect(rerun).not.toContain('uploadPipelineVersion');
  });

  it('the next release adds its own version; a moved tag with other content is refused', async () => {
    cli = await startKfpCli({}, { KF_PIPELINES_NAMESPACE: 'team-a' });
    const file = await writeSamplePipeline({ name: 'movies' });
    expect((await cli.run(['upload', file, '--version-name', 'v1'])).code).toBe(0);
    await writeFile(file, samplePipelineYaml({ name: 'movies', revision: 2 }));
    const next = await cli.run(['upload', file, '--version-name', 'v2']);
    expect(next.stdout).toMatch(/added version to pipeline movies \(\S+\): version v2/);
    const moved = await cli.run(['upload', file, '--version-name', 'v1']);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain('already has a version named v1 with other content');
    expect(cli.fake.versions()).toEqual([
      ['movies', 'v1'],
      ['movies', 'v2'],
    ]);
  });

  it('re-reads the token file on every request, so a rotated token is used at once', async () => {
    const path = await tokenFile('old-token-1111');
    cli = await startKfpCli(
      { auth: { tokens: ['old-token-1111', 'new-token-2222'] } },
      { KF_PIPELINES_SA_TOKEN_PATH: path },
    );
    const file = await writeSamplePipeline({ name: 'movies' });
    expect((await cli.run(['upload', file, '--version-name', 'v1'])).code).toBe(0);
    const split = cli.fake.requests.length;
    await writeFile(path, 'new-token-2222\n');
    expect((await cli.run(['upload', file, '--version-name', 'v1'])).code).toBe(0);
    const used = (from: number, to?: number) =>
      new Set(cli!.fake.requests.slice(from, to).map((r) => r.headers.authorization));
    expect(used(0, split)).toEqual(new Set(['Bearer old-token-1111']));
    expect(used(split)).toEqual(new Set(['Bearer new-token-2222']));
  });

  it('a version uploaded without a content hash is reused with a warning naming it', async () => {
    cli = await startKfpCli();
    const file = await writeSamplePipeline({ name: 'movies' });
    await cli.run(['upload', file, '--version-name', 'v1']);
    const stored = cli.fake.store.versions[0];
    if (stored) delete stored.description;
    const reused = await cli.run(['upload', file, '--version-name', 'v1']);
    expect(reused.code).toBe(0);
    expect(reused.stderr).toContain(
      'warning: version v1 of pipeline movies exists without a content hash; reused without checking that it holds movies.yaml',
    );
  });
});

describe('"not authorized" answers get a hint naming the token source and namespace, never the token', () => {
  it.each([
    [400, 'Failed to create a pipeline'],
    [401, 'Unauthenticated: request header error: there is no user identity header'],
    [403, 'PermissionDenied: User is not authorized'],
  ])('upload answered %i %s', async (status, message) => {
    const path = await tokenFile('hint-token-3333');
    cli = await startKfpCli({}, { KF_PIPELINES_SA_TOKEN_PATH: path, KF_PIPELINES_NAMESPACE: 'team-a' });
    cli.fake.failNext('uploadPipeline', status, message);
    const result = await cli.run(['upload', await writeSamplePipeline({ name: 'movies' })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`HTTP ${status}`);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`credentials sent: service-account token file ${path}; namespace team-a`);
    expect(result.stderr).toContain(
      'PodDefault access-ml-pipeline mounts the token at /var/run/secrets/kubeflow/pipelines/token',
    );
    expect(result.stderr + result.stdout).not.toContain('hint-token-3333');
  });

  it('a 400 that is about the input gets no auth hint', async () => {
    cli = await startKfpCli();
    cli.fake.failNext(
      'uploadPipeline',
      400,
      'Invalid input error: pipeline spec is invalid: schemaVersion must be 2.1.0',
    );
    const result = await cli.run(['upload', await writeSamplePipeline({ name: 'movies' })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('schemaVersion must be 2.1.0');
    expect(result.stderr).not.toContain('not authorized?');
  });

  it('without a namespace the hint says multi-user Kubeflow needs one', async () => {
    cli = await startKfpCli({}, { KF_PIPELINES_TOKEN: 'bearer-token-4444' });
    cli.fake.failNext('uploadPipelineVersion', 400, 'Failed to create a pipeline version');
    const file = await writeSamplePipeline({ name: 'movies' });
    await cli.run(['upload', file]);
    await writeFile(file, samplePipelineYaml({ name: 'movies', revision: 1 }));
    const result = await cli.run(['upload', file]);
    expect(result.stderr).toContain(
      'credentials sent: bearer token; no namespace (multi-user Kubeflow needs --namespace',
    );
    expect(result.stderr).not.toContain('bearer-token-4444');
  });
});
