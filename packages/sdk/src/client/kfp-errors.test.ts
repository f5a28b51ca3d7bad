import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSamplePipeline } from '../../testing/fake-kfp-fixtures.js';
import { startFakeKfpServer, type FakeKfpServer } from '../../testing/fake-kfp-server.js';
import {
  KfpAuthError,
  KfpBadRequestError,
  KfpConflictError,
  KfpCredentialsError,
  KfpNetworkError,
  KfpNotFoundError,
  KfpServerError,
} from './errors.js';
import { createKfpClient } from './kfp-client.js';

const TOKEN = 'sa-token-0123456789abcdef';
let server: FakeKfpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startFakeKfpServer>[0] = {}) {
  server = await startFakeKfpServer(options);
  return server;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('HTTP errors become typed errors carrying the server message', () => {
  it('400: an unknown run parameter rejected by the server', async () => {
    const fake = await start();
    const client = createKfpClient({ host: fake.url });
    const upload = await client.uploadOrUpdatePipeline(await writeSamplePipeline());
    const error = await caught(
      client.createRun({
        displayName: 'r',
        source: { kind: 'version', pipelineId: upload.pipeline.pipeline_id },
        parameters: { bogus: 1 },
      }),
    );
    expect(error).toBeInstanceOf(KfpBadRequestError);
    expect(error).toMatchObject({ status: 400, operation: 'createRun' });
    expect(error.message).toContain("unrecognized input parameter 'bogus'");
  });

  it('401 without credentials and 403 with a wrong token; the token never appears', async () => {
    const fake = await start({ auth: { tokens: [TOKEN] } });
    const missing = await caught(createKfpClient({ host: fake.url }).healthz());
    expect(missing).toBeInstanceOf(KfpAuthError);
    expect(missing).toMatchObject({ status: 401 });
    expect(missing.message).toContain('no user identity');
    const wrong = await caught(
      createKfpClient({ host: fake.url, auth: { kind: 'bearer', token: 'wrong-token-xyz' } }).healthz(),
    );
    expect(wrong).toMatchObject({ status: 403, name: 'KfpAuthError' });
    expect(wrong.message).not.toContain('wrong-token-xyz');
    const ok = createKfpClient({ host: fake.url, auth: { kind: 'bearer', token: TOKEN } });
    expect((await ok.healthz()).tag_name).toBe('2.5.0');
  });

  it('404 for an unknown run', async () => {
    const fake = await start();
    const error = await caught(createKfpClient({ host: fake.url }).getRun('no-such-run'));
    expect(error).toBeInstanceOf(KfpNotFoundError);
    expect(error.message).toContain('Not found: run no-such-run');
  });

  it('409 for a duplicate experiment', async () => {
    const fake = await start();
    const client = createKfpClient({ host: fake.url });
    await client.createExperiment('dup');
    const error = await caught(client.createExperiment('dup'));
    expect(error).toBeInstanceOf(KfpConflictError);
    expect(error.message).toContain("experiment 'dup' already exists");
  });

  it('500 with the server message, scrubbed of the token even when the server echoes it', async () => {
    const fake = await start();
    fake.failNext('healthz', 500, `database down while checking Bearer ${TOKEN}`);
    const error = await caught(
      createKfpClient({ host: fake.url, auth: { kind: 'bearer', token: TOKEN } }).healthz(),
    );
    expect(error).toBeInstanceOf(KfpServerError);
    expect(error.message).toContain('database down');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('***');
  });

  it('a refused connection names the host', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const error = await caught(createKfpClient({ host: `http://127.0.0.1:${port}` }).healthz());
    expect(error).toBeInstanceOf(KfpNetworkError);
    expect(error.message).toContain(`cannot reach KFP at http://127.0.0.1:${port}`);
  });
});

describe('service-account token file', () => {
  it('is re-read on every request', async () => {
    const fake = await start({ auth: { tokens: ['token-one', 'token-two'] } });
    const dir = await mkdtemp(join(tmpdir(), 'kfp-token-'));
    const path = join(dir, 'token');
    await writeFile(path, 'token-one\n');
    const client = createKfpClient({ host: fake.url, auth: { kind: 'token-file', path } });
    await client.healthz();
    await writeFile(path, 'token-two\n');
    await client.healthz();
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-one',
      'Bearer token-two',
    ]);
  });

  it('a missing file is a credentials error naming the path', async () => {
    const fake = await start();
    const path = join(tmpdir(), 'kfp-no-such-token-file');
    const error = await caught(
      createKfpClient({ host: fake.url, auth: { kind: 'token-file', path } }).healthz(),
    );
    expect(error).toBeInstanceOf(KfpCredentialsError);
    expect(error.message).toContain(path);
    expect(error.message).toContain('ENOENT');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('session cookie', () => {
  it('is sent as the Cookie header and kept out of error messages', async () => {
    const cookie = 'authservice_session=MTY5ODc2NTQzMnxsZXNzLXNlY3JldA';
    const fake = await start({ auth: { cookies: [cookie] } });
    const client = createKfpClient({ host: fake.url, auth: { kind: 'cookie', cookie } });
    await client.healthz();
    expect(fake.requests[0]?.headers.cookie).toBe(cookie);
    fake.failNext('healthz', 503, `proxy rejected ${cookie}`);
    const error = await caught(client.healthz());
    expect(error.message).not.toContain('MTY5ODc2NTQzMnxsZXNzLXNlY3JldA');
  });
});
