import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../http-get.js';
import { startHttpFixtureServer, type HttpFixtureServer } from './http-fixture-server.js';

const body = randomBytes(10_000);
let server: HttpFixtureServer;

beforeAll(async () => {
  server = await startHttpFixtureServer({ routes: { '/file.bin': { body: { bytes: body } } } });
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
  httpGet(`${server.url}${path}`, headers, method);

describe('startHttpFixtureServer', () => {
  it('serves bytes with validators and records requests', async () => {
    const response = await get('/file.bin?sig=1');
    expect(response.status).toBe(200);
    expect(fingerprint(response.bytes)).toBe(fingerprint(body));
    expect(response.headers).toMatchObject({ 'accept-ranges': 'bytes', 'content-length': '10000' });
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(response.headers['last-modified']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
    expect(server.requestsFor('/file.bin').at(-1)).toMatchObject({
      method: 'GET',
      path: '/file.bin?sig=1',
      status: 200,
      bytesSent: 10_000,
    });
  });

  it('keeps the loopback server ranges and records them', async () => {
    const partial = await get('/file.bin', { range: 'bytes=9000-' });
    expect([partial.status, fingerprint(partial.bytes)]).toEqual([206, fingerprint(body.subarray(9000))]);
    expect(server.requestsFor('/file.bin').at(-1)).toMatchObject({
      range: 'bytes=9000-',
      status: 206,
      bytesSent: 1_000,
    });
  });

  it('applies fault knobs: 500 first, status, html, no range, wrong length, drop', async () => {
    server.route('/flaky', { body: { bytes: body }, faults: { failFirst: { count: 1, status: 503 } } });
    expect((await get('/flaky')).status).toBe(503);
    expect((await get('/flaky')).status).toBe(200);
    server.route('/denied', { body: { bytes: body }, faults: { status: 403 } });
    expect((await get('/denied')).status).toBe(403);
    expect((await get('/nothing-here')).status).toBe(404);
    server.route('/html', { body: { bytes: body }, faults: { html: true } });
    const html = await get('/html');
    expect([html.headers['content-type'], html.bytes.toString().startsWith('<!DOCTYPE html>')]).toEqual([
      'text/html; charset=utf-8',
      true,
    ]);
    server.route('/norange', { body: { bytes: body }, faults: { noRange: true } });
    const ignored = await get('/norange', { range: 'bytes=10-' });
    expect([ignored.status, ignored.bytes.length, ignored.headers['accept-ranges']]).toEqual([
      200,
      10_000,
      'none',
    ]);
    server.route('/short', { body: { bytes: body }, faults: { contentLengthDelta: -100 } });
    const short = await get('/short');
    expect([short.headers['content-length'], short.bytes.length]).toEqual(['9900', 9900]);
    server.route('/drop', { body: { bytes: body }, faults: { dropAfter: { bytes: 1_000 } } });
    await expect(get('/drop')).rejects.toThrow(/other side closed|terminated/);
    expect(server.requestsFor('/drop')[0]?.bytesSent).toBe(1_000);
    expect(fingerprint((await get('/drop')).bytes)).toBe(fingerprint(body));
  });

  it('answers like HTTP/1.0 on the raw socket, with or without Content-Length', async () => {
    server.route('/old', { body: { bytes: body }, faults: { http10: { contentLength: false } } });
    const raw = await rawGet('/old');
    expect(raw.subarray(0, 17).toString()).toBe('HTTP/1.0 200 OK\r\n');
    const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString();
    expect(head).toContain('Connection: close');
    expect(head).not.toMatch(/content-length/i);
    expect(fingerprint(raw.subarray(raw.indexOf('\r\n\r\n') + 4))).toBe(fingerprint(body));
    server.route('/old-length', { body: { bytes: body }, faults: { http10: {} } });
    expect((await rawGet('/old-length')).toString('latin1')).toMatch(/content-length: 10000\r\n/);
  });

  it('stalls, resets and closes early where asked', async () => {
    server.route('/reset', { body: { bytes: body }, faults: { resetAt: 2_000 } });
    await expect(get('/reset')).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) as unknown,
    });
    server.route('/closed', { body: { bytes: body }, faults: { closeBeforeHeaders: { times: 2 } } });
    await expect(get('/closed')).rejects.toThrow(/other side closed|socket/i);
    server.route('/stall', { body: { bytes: body }, faults: { stallAt: 3_000 } });
    const stalled = await request(`${server.url}/stall`, { bodyTimeout: 300 });
    await expect(stalled.body.arrayBuffer()).rejects.toMatchObject({ code: 'UND_ERR_BODY_TIMEOUT' });
    expect(server.requestsFor('/stall')[0]?.bytesSent).toBe(3_000);
  });

  it('trickles at the requested rate and redirects', async () => {
    server.route('/slow', { body: { bytes: body.subarray(0, 200) }, faults: { bytesPerSecond: 4_000 } });
    const url = server.route('/go', { redirect: '/slow' });
    const response = await request(url);
    expect(response.statusCode).toBe(302);
    await response.body.dump();
    expect(fingerprint((await get('/slow')).bytes)).toBe(fingerprint(body.subarray(0, 200)));
  });
});

/** The raw bytes a server sends for `GET path` (HTTP/1.0 request, read until it closes). */
async function rawGet(path: string): Promise<Buffer> {
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  socket.write(`GET ${path} HTTP/1.0\r\nHost: fixture\r\n\r\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Length and SHA-256: compares large buffers fast (deep `toEqual` on big Buffers is slow). */
function fingerprint(bytes: Uint8Array | undefined): string {
  return bytes ? `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}` : 'missing';
}
