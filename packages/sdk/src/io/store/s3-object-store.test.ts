import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from './s3-object-store.js';
import { StorageAuthError, StorageRequestError } from './storage-errors.js';

// A loopback server that answers like MinIO/SeaweedFS where Ceph RGW differs, and records what it received.
const errors: Record<string, [number, string]> = {
  '/owned-bucket': [409, 'BucketAlreadyOwnedByYou'],
  '/existing-bucket': [409, 'BucketAlreadyExists'],
  '/denied-bucket': [403, 'AccessDenied'],
  '/bad-bucket': [400, 'InvalidBucketName'],
};
const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
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
      const error = errors[(req.url ?? '').replace(/\/$/, '')];
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
