import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from './s3-object-store.js';
import type { S3StoreConfig } from './s3-settings.js';
import { StorageAuthError, StorageRequestError, StorageTimeoutError } from './storage-errors.js';

// A loopback server that answers like MinIO/SeaweedFS where Ceph RGW differs, and records what it received.
const errors: Record<string, [number, string]> = {
  '/owned-bucket': [409, 'BucketAlreadyOwnedByYou'],
  '/existing-bucket': [409, 'BucketAlreadyExists'],
  '/denied-bucket': [403, 'AccessDenied'],
  '/bad-bucket': [400, 'InvalidBucketName'],
  // Kubeflow's SeaweedFS with per-namespace keys: no CreateBucket, but the bucket exists and answers HEAD.
  'PUT /prefix-only-bucket': [403, 'AccessDenied'],
};
const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
/** Requests to a path answered 503 SlowDown before it succeeds, and paths that never answer. */
const slowDowns = new Map<string, number>();
const stalled = new Set<string>();
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (stalled.has(path)) return;
      const remaining = slowDowns.get(path) ?? 0;
      if (remaining > 0) {
        slowDowns.set(path, remaining - 1);
        res.writeHead(503, { 'content-type': 'application/xml' });
        res.end(
          '<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
        );
        return;
      }
      const target = (req.url ?? '').replace(/\/$/, '');
      const error = errors[`${req.method} ${target}`] ?? errors[target];
      if (error) {
        res.writeHead(error[0], { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0"?><Error><Code>${error[1]}</Code><Message></Message></Error>`);
        return;
      }
      res.writeHead(200, { etag: '"0cc175b9c0f1b6a831c399e269772661"' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function store(): S3ObjectStore {
  return new S3ObjectStore({ endpoint, region: 'us-east-1', accessKeyId: 'ak', secretAccessKey: 'sk' });
}

describe('S3ObjectStore.ensureBucket', () => {
  it('treats BucketAlreadyOwnedByYou and BucketAlreadyExists as success', async () => {
    received.length = 0;
    await store().ensureBucket('owned-bucket');
    await store().ensureBucket('existing-bucket');
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /owned-bucket/',
      'PUT /existing-bucket/',
    ]);
  });

  it('uses an existing bucket it may not create (prefix-limited credentials) after a HEAD, and only then', async () => {
    received.length = 0;
    await store().ensureBucket('prefix-only-bucket');
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /prefix-only-bucket/',
      'HEAD /prefix-only-bucket/',
    ]);
    // Denied and not answering HEAD either: the CreateBucket refusal is what the user sees.
    await expect(store().ensureBucket('denied-bucket')).rejects.toThrow(
      /AccessDenied.*CreateBucket denied-bucket|CreateBucket denied-bucket.*AccessDenied/,
    );
  });

  it('maps other refusals by their code', async () => {
    await expect(store().ensureBucket('denied-bucket')).rejects.toThrow(StorageAuthError);
    await expect(store().ensureBucket('bad-bucket')).rejects.toThrow(StorageRequestError);
    await expect(store().ensureBucket('bad-bucket')).rejects.toThrow(/InvalidBucketName \(HTTP 400\)/);
  });
});

describe('S3ObjectStore requests', () => {
  it('uses path-style URLs and sends plain bodies without streaming checksums', async () => {
    received.length = 0;
    await store().putBytes('plain-bucket', 'dir/a.txt', 'a', { metadata: { sha256: 'abc' } });
    await store().putStream('plain-bucket', 'dir/b.txt', Readable.from([Buffer.from('bb')]));
    expect(received.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'PUT /plain-bucket/dir/a.txt',
      'PUT /plain-bucket/dir/b.txt',
    ]);
    for (const request of received) {
      expect(request.headers['content-encoding'] ?? '').not.toContain('aws-chunked');
      expect(request.headers['x-amz-content-sha256'] ?? '').not.toMatch(/^STREAMING/);
      expect(Object.keys(request.headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
    }
    expect(received[0]?.headers['x-amz-meta-sha256']).toBe('abc');
    expect(received.map((r) => r.body)).toEqual(['a', 'bb']);
  });
});

describe('S3ObjectStore retries and timeouts', () => {
  const logged: string[] = [];
  const tuned = (overrides: Partial<S3StoreConfig> = {}) =>
    new S3ObjectStore({
      endpoint,
      region: 'us-east-1',
      accessKeyId: 'ak',
      secretAccessKey: 'sk',
      log: (line) => logged.push(line),
      ...overrides,
    });

  it('retries 503 SlowDown with back-off, logging each attempt', async () => {
    logged.length = 0;
    slowDowns.set('/retry-bucket/data/x.bin', 2);
    await tuned().putBytes('retry-bucket', 'data/x.bin', 'x');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(
      /^retrying PUT retry-bucket\/data\/x\.bin \(2\/5\) after 503 SlowDown; waiting \d+\.\d s$/,
    );
    expect(logged[1]).toMatch(/^retrying PUT retry-bucket\/data\/x\.bin \(3\/5\) after 503 SlowDown/);
  });

  it('gives up after the configured attempts with the code, status and attempt count', async () => {
    logged.length = 0;
    slowDowns.set('/retry-bucket/always', 10);
    const error = await tuned({ maxAttempts: 3 })
      .putBytes('retry-bucket', 'always', 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageRequestError);
    expect((error as Error).message).toMatch(
      /PutObject retry-bucket\/always failed at .*: SlowDown \(HTTP 503\).*after 3 attempts/,
    );
    expect(logged).toHaveLength(2);
  });

  it('times out a stalled request instead of hanging, and says which timeout to raise', async () => {
    logged.length = 0;
    stalled.add('/retry-bucket/stalled');
    const started = Date.now();
    const error = await tuned({ requestTimeoutMs: 300, maxAttempts: 2 })
      .putBytes('retry-bucket', 'stalled', 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageTimeoutError);
    expect((error as Error).message).toMatch(
      /stalled during PutObject retry-bucket\/stalled: no bytes sent or received for 0\.3 s \(request timeout\), 2 attempts.*CAPSTONE_S3_REQUEST_TIMEOUT_MS/,
    );
    expect(logged[0]).toMatch(
      /^retrying PUT retry-bucket\/stalled \(2\/2\) after no bytes sent or received for 0\.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('S3ObjectStore.putBytes with a known SHA-256', () => {
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

  it("signs with the caller's digest instead of hashing the body again, and hashes it without one", async () => {
    received.length = 0;
    // A digest that is not the body's shows the signer took it as given (a real server refuses the body:
    // s3-object-store.int.test.ts).
    const known = sha256('another body');
    await store().putBytes('any-bucket', 'known', 'known body', { sha256: known });
    await store().putBytes('any-bucket', 'hashed', 'hashed body');
    // Not a digest: ignored, the signer hashes the body.
    await store().putBytes('any-bucket', 'odd', 'odd body', { sha256: 'md5:abc' });
    expect(received.map((r) => [r.url.split('?')[0], r.headers['x-amz-content-sha256']])).toEqual([
      ['/any-bucket/known', known],
      ['/any-bucket/hashed', sha256('hashed body')],
      ['/any-bucket/odd', sha256('odd body')],
    ]);
  });
});
