import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../../testing/http-get.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

const body = randomBytes(10_000);
let server: LoopbackServer;
let dir: string;

beforeAll(async () => {
  server = await startLoopbackServer({ routes: { '/file.bin': { body: { bytes: body } } } });
  dir = await mkdtemp(join(tmpdir(), 'loopback-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
  httpGet(`${server.url}${path}`, headers, method);

describe('startLoopbackServer', () => {
  it('serves bytes with validators, ignoring the query string; 404 for an unknown path', async () => {
    const response = await get('/file.bin?sig=1');
    expect(response.status).toBe(200);
    expect(fingerprint(response.bytes)).toBe(fingerprint(body));
    expect(response.headers).toMatchObject({ 'accept-ranges': 'bytes', 'content-length': '10000' });
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(response.headers['last-modified']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect((await get('/nothing-here')).status).toBe(404);
  });

  it('answers ranges, honours If-Range and rejects unsatisfiable ranges', async () => {
    const { headers, bytes } = await get('/file.bin', {}, 'HEAD');
    expect([headers['content-length'], bytes.length]).toEqual(['10000', 0]);
    const etag = String(headers.etag);
    const partial = await get('/file.bin', { range: 'bytes=9000-', 'if-range': etag });
    expect(partial.status).toBe(206);
    expect(partial.headers['content-range']).toBe('bytes 9000-9999/10000');
    expect(fingerprint(partial.bytes)).toBe(fingerprint(body.subarray(9000)));
    expect(fingerprint((await get('/file.bin', { range: 'bytes=-10' })).bytes)).toBe(
      fingerprint(body.subarray(9990)),
    );
    const changed = await get('/file.bin', { range: 'bytes=9000-', 'if-range': '"other"' });
    expect([changed.status, changed.bytes.length]).toEqual([200, 10_000]);
    const beyond = await get('/file.bin', { range: 'bytes=10000-' });
    expect([beyond.status, beyond.headers['content-range']]).toEqual([416, 'bytes */10000']);
  });

  it('serves generated bodies by range', async () => {
    const size = 1_000_000;
    server.route('/gen', {
      body: {
        size,
        *generate(start, end) {
          for (let at = start; at <= end; at += 4096)
            yield Buffer.alloc(Math.min(4096, end - at + 1), at % 251);
        },
      },
    });
    const response = await get('/gen', { range: 'bytes=500000-500009' });
    expect(response.bytes).toEqual(Buffer.alloc(10, 500_000 % 251));
  });

  it('serves a file with its mtime as Last-Modified, resuming by date', async () => {
    const file = join(dir, 'data.bin');
    await writeFile(file, body);
    const url = server.route('/data.bin', { body: { file } });
    const whole = await request(url);
    const lastModified = String(whole.headers['last-modified']);
    expect(fingerprint(Buffer.from(await whole.body.arrayBuffer()))).toBe(fingerprint(body));
    const rest = await get('/data.bin', { range: 'bytes=4000-', 'if-range': lastModified });
    expect([rest.status, fingerprint(rest.bytes)]).toEqual([206, fingerprint(body.subarray(4000))]);
  });

  it('falls back to any free port when the preferred one is taken', async () => {
    const port = Number(new URL(server.url).port);
    const second = await startLoopbackServer({ port });
    try {
      expect(second.url).not.toBe(server.url);
      expect(second.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await second.close();
    }
  });
});

/** Length and SHA-256: compares large buffers fast (deep `toEqual` on big Buffers is slow). */
function fingerprint(bytes: Uint8Array | undefined): string {
  return bytes ? `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}` : 'missing';
}
