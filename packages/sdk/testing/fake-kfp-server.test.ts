import { afterEach, describe, expect, it } from 'vitest';
import { samplePipelineYaml } from './fake-kfp-fixtures.js';
import { startFakeKfpServer, type FakeKfpServer } from './fake-kfp-server.js';

let server: FakeKfpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  server = await startFakeKfpServer();
  return server;
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as { code: number; message: string } };
}

/** The upload handler answers errors as `{error_message, error_details}`, like the real one. */
async function uploadAnswer(response: Response) {
  const body = (await response.json()) as { error_message: string; error_details: string };
  return { status: response.status, message: body.error_message };
}

function yamlForm(field: string, fileName: string): FormData {
  const form = new FormData();
  form.append(field, new Blob([samplePipelineYaml()]), fileName);
  return form;
}

describe('the fake KFP API rejects requests outside the declared shapes', () => {
  it('unknown query parameters', async () => {
    const fake = await start();
    const { status, body } = await answer(await fetch(`${fake.url}/apis/v2beta1/runs?experimentId=x`));
    expect(status).toBe(400);
    expect(body.code).toBe(3);
    expect(body.message).toContain("unknown query parameter 'experimentId' for RunService_ListRuns");
  });

  it('a wrong multipart field name or file suffix', async () => {
    const fake = await start();
    const url = `${fake.url}/apis/v2beta1/pipelines/upload?name=p`;
    const wrongField = await uploadAnswer(
      await fetch(url, { method: 'POST', body: yamlForm('file', 'p.yaml') }),
    );
    expect(wrongField.status).toBe(400);
    expect(wrongField.message).toContain("unknown multipart field 'file'");
    expect(wrongField.message).toContain("missing multipart file field 'uploadfile'");
    const wrongSuffix = await uploadAnswer(
      await fetch(url, { method: 'POST', body: yamlForm('uploadfile', 'p.json') }),
    );
    expect(wrongSuffix.message).toContain("file name 'p.json' must end with .yaml");
    const ok = await fetch(url, { method: 'POST', body: yamlForm('uploadfile', 'p.yaml') });
    expect(ok.status).toBe(200);
  });

  it('missing required and unknown body fields, camelCase included', async () => {
    const fake = await start();
    const post = (json: unknown) =>
      fetch(`${fake.url}/apis/v2beta1/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
    const { status, body } = await answer(await post({ displayName: 'r' }));
    expect(status).toBe(400);
    expect(body.message).toContain("unknown field 'displayName' in v2beta1Run");
    expect(body.message).toContain("missing required field 'display_name'");
    const nested = await answer(
      await post({
        display_name: 'r',
        pipeline_version_reference: { pipeline_id: 'p' },
        runtime_config: { params: {} },
      }),
    );
    expect(nested.body.message).toContain("unknown field 'params' in v2beta1Run.runtime_config");
  });

  it('a JSON body sent as another content type', async () => {
    const fake = await start();
    const response = await fetch(`${fake.url}/apis/v2beta1/experiments`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ display_name: 'e' }),
    });
    expect((await answer(response)).body.message).toContain('expects Content-Type application/json');
  });

  it('unknown routes and methods', async () => {
    const fake = await start();
    expect((await fetch(`${fake.url}/apis/v1beta1/healthz`)).status).toBe(404);
    expect((await fetch(`${fake.url}/apis/v2beta1/healthz`, { method: 'POST' })).status).toBe(404);
  });

  it('an upload that is not a pipeline spec', async () => {
    const fake = await start();
    const form = new FormData();
    form.append('uploadfile', new Blob(['just: text\n']), 'p.yaml');
    const { status, message } = await uploadAnswer(
      await fetch(`${fake.url}/apis/v2beta1/pipelines/upload?name=p`, { method: 'POST', body: form }),
    );
    expect(status).toBe(400);
    expect(message).toContain('has no pipelineInfo.name');
  });
});
