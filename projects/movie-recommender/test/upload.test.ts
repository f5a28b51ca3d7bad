import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { FsObjectStore } from '@capstone/sdk/io';
import { runComponent } from '@capstone/sdk/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as uploadMain } from '../src/components/upload.main.js';

describe('upload component', () => {
  let dir: string;
  let run: (source: string, name?: string) => Promise<{ code: number; stderr: string }>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mr-upload-'));
    await mkdir(join(dir, 'splits'));
    for (const s of ['train', 'val', 'test']) await writeFile(join(dir, 'splits', `${s}.parquet.gzip`), s);
    await writeFile(join(dir, 'parquet'), 'movies');
    let n = 0;
    run = async (source, name = '') => {
      const err = new PassThrough();
      const chunks: Buffer[] = [];
      err.on('data', (chunk: Buffer) => chunks.push(chunk));
      n += 1;
      const params = (p: string) => join(dir, 'params', String(n), p);
      const code = await runComponent(uploadMain, {
        argv: ['--source', source, '--bucket', 'datasets', '--prefix', 'ml-25m/', '--name', name].concat([
          '--s3_endpoint',
          '',
          '--s3_region',
          '',
          '--objects',
          params('objects'),
          '--uploaded',
          params('uploaded'),
        ]),
        env: { CAPSTONE_OBJECT_STORE_DIR: join(dir, 'objects') },
        stdout: new PassThrough(),
        stderr: err,
      });
      return { code, stderr: Buffer.concat(chunks).toString('utf8') };
    };
  });

  it('uploads a file under its new name and a folder file by file, into a bucket that may exist', async () => {
    expect(await run(join(dir, 'parquet'), 'movies.parquet.gzip')).toEqual({ code: 0, stderr: '' });
    expect(await run(join(dir, 'splits'))).toEqual({ code: 0, stderr: '' });
    expect(await run(join(dir, 'splits'))).toEqual({ code: 0, stderr: '' });
    const keys = (await new FsObjectStore(join(dir, 'objects')).list('datasets')).map((o) => o.key);
    expect(keys).toEqual(['movies', 'test', 'train', 'val'].map((k) => `ml-25m/${k}.parquet.gzip`));
  });

  it('refuses a name for a folder source', async () => {
    const result = await run(join(dir, 'splits'), 'x.parquet');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("name 'x.parquet' applies to a file source, but");
  });
});

describe('upload component: the store its parameters name', () => {
  const SECRET = 'upload-test-secret-0451';
  const requests: { line: string; authorization: string; body: string }[] = [];
  let server: Server;
  let endpoint: string;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mr-upload-store-'));
    await writeFile(join(dir, 'movies.parquet'), 'movie bytes');
    // Answers every S3 request with 200, like a store where the bucket exists; records what it was sent.
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests.push({
          line: `${req.method} ${(req.url ?? '').split('?')[0]}`,
          authorization: req.headers.authorization ?? '',
          body: Buffer.concat(chunks).toString(),
        });
        res.writeHead(200, { etag: '"0cc175b9c0f1b6a831c399e269772661"' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const upload = async (store: { s3_endpoint: string; s3_region: string }, env: NodeJS.ProcessEnv) => {
    requests.length = 0;
    const out = new PassThrough();
    const text: Buffer[] = [];
    out.on('data', (chunk: Buffer) => text.push(chunk));
    const code = await runComponent(uploadMain, {
      argv: [
        ...['--source', join(dir, 'movies.parquet'), '--name', 'movies.parquet.gzip'],
        ...['--bucket', 'mlpipeline', '--prefix', 'private/team-a/ml-25m'],
        ...['--s3_endpoint', store.s3_endpoint, '--s3_region', store.s3_region],
        ...['--objects', join(dir, 'objects'), '--uploaded', join(dir, 'uploaded')],
      ],
      env: { AWS_ACCESS_KEY_ID: 'AKIDUPLOADTEST', AWS_SECRET_ACCESS_KEY: SECRET, ...env },
      stdout: out,
      stderr: out,
    });
    return { code, output: Buffer.concat(text).toString('utf8') };
  };
  const signedFor = (region: string) =>
    new RegExp(`Credential=AKIDUPLOADTEST/\\d{8}/${region}/s3/aws4_request`);

  it('sends to the endpoint and signs for the region of its parameters, over the environment and the local store', async () => {
    const unused = join(dir, 'filesystem-store');
    const env = {
      CAPSTONE_OBJECT_STORE_DIR: unused,
      S3_ENDPOINT: 'http://127.0.0.1:9',
      AWS_REGION: 'us-west-2',
    };
    const { code, output } = await upload({ s3_endpoint: endpoint, s3_region: 'eu-central-1' }, env);
    expect(code, output).toBe(0);
    expect(requests.map((r) => r.line)).toEqual([
      'PUT /mlpipeline/',
      'PUT /mlpipeline/private/team-a/ml-25m/movies.parquet.gzip',
    ]);
    expect(requests[1]?.body).toBe('movie bytes');
    for (const request of requests) expect(request.authorization).toMatch(signedFor('eu-central-1'));
    expect(output).toContain(
      `S3 object store at ${endpoint} (endpoint from parameter s3_endpoint, region eu-central-1 from parameter s3_region`,
    );
    expect(output).not.toContain(SECRET);
    expect(existsSync(unused)).toBe(false);
  });

  it('with empty parameters uses S3_ENDPOINT and AWS_REGION of its environment', async () => {
    const { code, output } = await upload(
      { s3_endpoint: '', s3_region: '' },
      { S3_ENDPOINT: endpoint, AWS_REGION: 'ap-south-1' },
    );
    expect(code, output).toBe(0);
    expect(requests.map((r) => r.line)).toHaveLength(2);
    for (const request of requests) expect(request.authorization).toMatch(signedFor('ap-south-1'));
    expect(output).toContain('(endpoint from S3_ENDPOINT, region ap-south-1 from AWS_REGION');
  });
});
