import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { samplePipelineYaml, writeSamplePipeline } from '../../../testing/fake-kfp-fixtures.js';
import { startKfpCli, type KfpCli } from '../../../testing/kfp-cli.js';
import type { KfpPipeline, KfpPipelineVersion } from '../../client/index.js';

const TOKEN = 'pipeline-cli-token-5150';
let cli: KfpCli | undefined;

afterEach(async () => {
  await cli?.close();
  cli = undefined;
});

async function start(multiUser = true) {
  cli = await startKfpCli(
    { auth: { tokens: [TOKEN] }, multiUser },
    { KF_PIPELINES_TOKEN: TOKEN, KF_PIPELINES_NAMESPACE: 'alice' },
  );
  return cli;
}

describe('capstone pipeline create', () => {
  it('uploads to the namespace as multipart uploadfile and prints the pipeline as JSON', async () => {
    const { fake, json } = await start();
    const path = await writeSamplePipeline({ name: 'demo' });
    const pipeline = await json<KfpPipeline>(['pipeline', 'create', path, '-d', 'first', '-o', 'json']);
    expect(pipeline).toEqual(fake.store.pipelines[0]);
    expect(pipeline).toMatchObject({ name: 'demo', description: 'first', namespace: 'alice' });
    const upload = fake.requests.find((r) => r.operation === 'uploadPipeline');
    expect(upload?.query).toEqual({ name: 'demo', description: 'first', namespace: 'alice' });
    expect(upload?.form).toEqual({ uploadfile: 'demo.yaml' });
    expect(fake.versions()).toEqual([['demo', 'demo']]);
  });

  it('prints a kfp-style table and the pipeline link; a second create names the way to add a version', async () => {
    const { fake, run } = await start();
    const path = await writeSamplePipeline({ name: 'demo' });
    const first = await run(['pipeline', 'create', path, '--pipeline-name', 'renamed']);
    expect(first.code).toBe(0);
    const id = fake.store.pipelines[0]?.pipeline_id ?? '';
    expect(first.stdout).toMatch(
      new RegExp(
        `^Pipeline details: ${fake.url}/#/pipelines/details/${id}\\nID +NAME +CREATED AT\\n${id} +renamed +2026-`,
      ),
    );
    const again = await run(['pipeline', 'create', path, '--pipeline-name', 'renamed']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("pipeline with name 'renamed' already exists");
    expect(again.stderr).toContain(`capstone pipeline create-version ${path} -n renamed --version-name V`);
  });
});

describe('capstone pipeline create-version', () => {
  it('names the version, reuses it for the same file, refuses other content under that name', async () => {
    const { fake, json, run } = await start();
    const path = await writeSamplePipeline({ name: 'demo' });
    await run(['pipeline', 'create', path]);
    const args = ['pipeline', 'create-version', path, '-n', 'demo', '--version-name', 'v1.2.0', '-o', 'json'];
    const created = await json<KfpPipelineVersion>(args);
    expect(created).toMatchObject({ name: 'v1.2.0', pipeline_id: fake.store.pipelines[0]?.pipeline_id });
    const again = await run(args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ pipeline_version_id: created.pipeline_version_id });
    expect(again.stderr).toContain('unchanged: version v1.2.0 already holds demo.yaml');
    expect(fake.versions()).toEqual([
      ['demo', 'demo'],
      ['demo', 'v1.2.0'],
    ]);

    await writeFile(path, samplePipelineYaml({ name: 'demo', revision: 9 }));
    const changed = await run(args);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(
      /already has a version named v1\.2\.0 with other content \(sha256 [0-9a-f]{12}…, demo\.yaml is [0-9a-f]{12}…\)/,
    );
    expect(fake.versions()).toHaveLength(2);
  });

  it('takes the pipeline by id and the version name as kfp spells it (-v / --pipeline-version)', async () => {
    const { fake, run } = await start();
    const path = await writeSamplePipeline({ name: 'demo' });
    await run(['pipeline', 'create', path]);
    const id = fake.store.pipelines[0]?.pipeline_id ?? '';
    expect((await run(['pipeline', 'create-version', path, '-p', id, '-v', 'a'])).code).toBe(0);
    expect((await run(['pipeline', 'upload-version', path, '-p', id, '--pipeline-version', 'b'])).code).toBe(
      0,
    );
    expect(fake.versions().map(([, v]) => v)).toEqual(['demo', 'a', 'b']);
    const upload = fake.requests.filter((r) => r.operation === 'uploadPipelineVersion').at(-1);
    expect(upload?.query).toMatchObject({ pipelineid: id, name: 'b' });
    expect(upload?.query.description).toMatch(/^sample revision 0 \[content sha256:[0-9a-f]{12}\]$/);
  });

  it('without a name the version is <pipeline>-<sha12>-<UTC stamp>', async () => {
    const { fake, run } = await start();
    const path = await writeSamplePipeline({ name: 'demo' });
    await run(['pipeline', 'create', path]);
    expect((await run(['pipeline', 'create-version', path, '-n', 'demo'])).code).toBe(0);
    expect(fake.versions()[1]?.[1]).toMatch(/^demo-[0-9a-f]{12}-\d{14}$/);
  });

  it('is bad usage without exactly one of --pipeline-id and --pipeline-name (exit 2), and exit 1 for a missing pipeline', async () => {
    const { run } = await start();
    const path = await writeSamplePipeline({ name: 'demo' });
    const none = await run(['pipeline', 'create-version', path, '-v', 'x']);
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toContain('give the pipeline: -p/--pipeline-id or -n/--pipeline-name');
    const missing = await run(['pipeline', 'create-version', path, '-n', 'ghost', '-v', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no pipeline named 'ghost' in namespace alice");
  });
});

describe('capstone pipeline list/get/delete', () => {
  async function twoPipelines() {
    const started = await start();
    for (const name of ['alpha', 'beta'])
      await started.run(['pipeline', 'create', await writeSamplePipeline({ name })]);
    return started;
  }

  it('lists the namespace newest first; JSON parses back to the API objects; paging prints the next token', async () => {
    const { fake, json, run } = await twoPipelines();
    const listed = await json<KfpPipeline[]>(['pipeline', 'list', '-o', 'json']);
    expect(listed).toEqual([...fake.store.pipelines].reverse());
    const request = fake.requests.filter((r) => r.operation === 'listPipelines').at(-1);
    expect(request?.query).toEqual({ namespace: 'alice', page_size: '100', sort_by: 'created_at desc' });
    const page = await run(['pipeline', 'list', '-m', '1']);
    expect(page.stdout).toMatch(/^ID +NAME +CREATED AT\n\S+ +beta +\S+\nmore: --page-token 1\n$/);
    const next = await run(['pipeline', 'list', '-m', '1', '--page-token', '1']);
    expect(next.stdout).toContain('alpha');
    const filter = JSON.stringify({
      predicates: [{ key: 'name', operation: 'EQUALS', string_value: 'alpha' }],
    });
    expect(
      (await json<KfpPipeline[]>(['pipeline', 'list', '--filter', filter, '-o', 'json'])).map((p) => p.name),
    ).toEqual(['alpha']);
    const bad = await run(['pipeline', 'list', '--filter', '{"key":1}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--filter must be a JSON object with a "predicates" array');
  });

  it('gets a pipeline, its versions and one version with its spec', async () => {
    const { fake, json } = await twoPipelines();
    const alpha = fake.store.pipelines[0];
    expect(await json(['pipeline', 'get', alpha?.pipeline_id ?? '', '-o', 'json'])).toEqual(alpha);
    const versions = await json<KfpPipelineVersion[]>([
      'pipeline',
      'list-versions',
      alpha?.pipeline_id ?? '',
      '-o',
      'json',
    ]);
    expect(versions.map((v) => v.name)).toEqual(['alpha']);
    const version = await json<KfpPipelineVersion>([
      'pipeline',
      'get-version',
      alpha?.pipeline_id ?? '',
      versions[0]?.pipeline_version_id ?? '',
      '-o',
      'json',
    ]);
    expect(version.pipeline_spec).toMatchObject({ pipelineInfo: { name: 'alpha' } });
  });

  it('deletes only with --yes; a pipeline with versions needs --cascade', async () => {
    const { fake, run } = await twoPipelines();
    const id = fake.store.pipelines[0]?.pipeline_id ?? '';
    const unconfirmed = await run(['pipeline', 'delete', id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain(`deleting pipeline ${id} cannot be undone; add --yes`);
    const refused = await run(['pipeline', 'delete', id, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Set cascade=true');
    const deleted = await run(['pipeline', 'delete', id, '-y', '--cascade', '-o', 'json']);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toBe(id);
    expect(fake.requests.at(-1)?.query).toEqual({ cascade: 'true' });
    expect(fake.store.pipelines.map((p) => p.name)).toEqual(['beta']);
  });

  it('deletes one version', async () => {
    const { fake, run } = await twoPipelines();
    const version = fake.store.versions[1];
    const result = await run([
      'pipeline',
      'delete-version',
      version?.pipeline_id ?? '',
      version?.pipeline_version_id ?? '',
      '--yes',
    ]);
    expect(result.stdout).toBe(`Pipeline version ${version?.pipeline_version_id} deleted.\n`);
    expect(fake.versions()).toEqual([['alpha', 'alpha']]);
  });
});
