import { afterEach, describe, expect, it } from 'vitest';
import { writeSamplePipeline } from '../../testing/fake-kfp-fixtures.js';
import {
  startFakeKfpServer,
  type FakeKfpOptions,
  type FakeKfpServer,
} from '../../testing/fake-kfp-server.js';
import { createKfpClient, type KfpClientOptions } from './kfp-client.js';
import { submitPipeline } from './submit-pipeline.js';

let server: FakeKfpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(fake: FakeKfpOptions = {}, client: Partial<KfpClientOptions> = {}) {
  server = await startFakeKfpServer(fake);
  return { fake: server, client: createKfpClient({ host: server.url, ...client }) };
}

describe('KFP client against the fake API', () => {
  it('reads the backend version and mode from healthz', async () => {
    const { client } = await setup({ tagName: '2.4.1', multiUser: true });
    expect(await client.healthz()).toMatchObject({ tag_name: '2.4.1', multi_user: true });
  });

  it('uploads a new pipeline as multipart uploadfile with the name in the query', async () => {
    const { client, fake } = await setup();
    const path = await writeSamplePipeline({ name: 'demo' });
    const result = await client.uploadOrUpdatePipeline(path);
    expect(result.action).toBe('created-pipeline');
    expect(result.pipeline.name).toBe('demo');
    expect(result.version.pipeline_id).toBe(result.pipeline.pipeline_id);
    const upload = fake.requests.find((r) => r.operation === 'uploadPipeline');
    expect(upload?.form).toEqual({ uploadfile: 'demo.yaml' });
    expect(upload?.query).toMatchObject({ name: 'demo' });
  });

  it('re-uploading an existing pipeline adds a version named by hash and time', async () => {
    const { client, fake } = await setup();
    const first = await client.uploadOrUpdatePipeline(await writeSamplePipeline({ name: 'demo' }));
    const path = await writeSamplePipeline({ name: 'demo', revision: 2 });
    const second = await client.uploadOrUpdatePipeline(path, undefined, {
      now: () => new Date('2026-03-04T05:06:07Z'),
    });
    expect(second.action).toBe('created-version');
    expect(second.pipeline.pipeline_id).toBe(first.pipeline.pipeline_id);
    expect(second.version.name).toBe(`demo-${second.file.sha256.slice(0, 12)}-20260304050607`);
    expect(fake.requests.find((r) => r.operation === 'uploadPipelineVersion')?.query).toMatchObject({
      pipelineid: first.pipeline.pipeline_id,
    });
    expect(fake.store.versions).toHaveLength(2);
  });

  it('deterministic versions reuse the version of an unchanged file', async () => {
    const { client, fake } = await setup();
    const path = await writeSamplePipeline({ name: 'demo' });
    await client.uploadOrUpdatePipeline(path);
    const a = await client.uploadOrUpdatePipeline(path, undefined, { deterministic: true });
    const b = await client.uploadOrUpdatePipeline(path, undefined, { deterministic: true });
    expect([a.action, b.action]).toEqual(['created-version', 'reused-version']);
    expect(b.version.pipeline_version_id).toBe(a.version.pipeline_version_id);
    expect(fake.store.versions).toHaveLength(2);
  });

  it('finds a pipeline by name, and falls back to a filtered list when the names route is missing', async () => {
    const { client, fake } = await setup();
    const uploaded = await client.uploadOrUpdatePipeline(await writeSamplePipeline({ name: 'demo' }));
    expect((await client.findPipeline('demo'))?.pipeline_id).toBe(uploaded.pipeline.pipeline_id);
    expect(await client.findPipeline('absent')).toBeUndefined();
    fake.failNext('getPipelineByName', 404, 'Not Found');
    expect((await client.findPipeline('demo'))?.pipeline_id).toBe(uploaded.pipeline.pipeline_id);
    const list = fake.requests.filter((r) => r.operation === 'listPipelines').at(-1);
    expect(JSON.parse(list?.query.filter ?? '{}')).toEqual({
      predicates: [{ key: 'name', operation: 'EQUALS', string_value: 'demo' }],
    });
  });

  it('creates an experiment once and finds it afterwards', async () => {
    const { client, fake } = await setup();
    const a = await client.getOrCreateExperiment('nightly');
    const b = await client.getOrCreateExperiment('nightly');
    expect(b.experiment_id).toBe(a.experiment_id);
    expect(fake.requests.filter((r) => r.operation === 'createExperiment')).toHaveLength(1);
  });

  it('creates a run with typed parameters, the version reference and the YAML pipeline root', async () => {
    const { client, fake } = await setup();
    const path = await writeSamplePipeline({ name: 'demo', defaultPipelineRoot: 's3://bucket/root' });
    const result = await submitPipeline(client, path, {
      parameters: { rows: '5', label: 'x' },
      runName: 'r1',
    });
    const body = fake.requests.find((r) => r.operation === 'createRun')?.json;
    expect(body).toEqual({
      display_name: 'r1',
      experiment_id: result.experiment.experiment_id,
      pipeline_version_reference: {
        pipeline_id: result.upload.pipeline.pipeline_id,
        pipeline_version_id: result.upload.version.pipeline_version_id,
      },
      runtime_config: { parameters: { rows: 5, label: 'x' }, pipeline_root: 's3://bucket/root' },
    });
    expect(result.url).toBe(`${fake.url}/#/runs/details/${result.run.run_id}`);
  });

  it('rejects an unknown run parameter before uploading anything', async () => {
    const { client, fake } = await setup();
    const path = await writeSamplePipeline({ name: 'demo' });
    await expect(submitPipeline(client, path, { parameters: { nope: '1' } })).rejects.toThrow(
      /has no parameter 'nope' \(parameters: rows, label\)/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('lists the runs of an experiment', async () => {
    const { client } = await setup();
    const path = await writeSamplePipeline({ name: 'demo' });
    const one = await submitPipeline(client, path, { experiment: 'e1', runName: 'a' });
    await submitPipeline(client, path, { experiment: 'e1', runName: 'b' });
    await submitPipeline(client, path, { experiment: 'e2', runName: 'c' });
    const page = await client.listRuns({
      experimentId: one.experiment.experiment_id,
      sortBy: 'created_at desc',
    });
    expect(page.items.map((r) => r.display_name)).toEqual(['b', 'a']);
    const first = await client.listRuns({ experimentId: one.experiment.experiment_id, pageSize: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextPageToken).toBeDefined();
  });

  it('works against a multi-user backend when a namespace is configured', async () => {
    const { client, fake } = await setup({ multiUser: true }, { namespace: 'alice' });
    const result = await submitPipeline(client, await writeSamplePipeline(), {
      wait: true,
      waitOptions: { pollIntervalMs: 0 },
    });
    expect(result.run.state).toBe('SUCCEEDED');
    expect(fake.store.experiments[0]?.namespace).toBe('alice');
    expect(fake.store.pipelines[0]?.namespace).toBe('alice');
    const runs = await client.listRuns();
    expect(runs.items).toHaveLength(1);
  });
});
