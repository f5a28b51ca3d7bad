import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from './http-get.js';

const settings = { connectTimeoutMs: 2_000, idleTimeoutMs: 2_000, maxAttempts: 1 };
const seen: Array<{ server: string; path: string; headers: IncomingHttpHeaders }> = [];

/** A server that redirects `/hop/N` to `/hop/N-1` (`/hop/0` answers), `/away` to the other server. */
function redirecting(name: string, other: () => string): Server {
  return createServer((request, response) => {
    const path = request.url ?? '';
    seen.push({ server: name, path, headers: request.headers });
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop && hop[1] !== '0') {
      response.writeHead(302, { location: `/hop/${Number(hop[1]) - 1}` }).end();
    } else if (path === '/away') {
      response.writeHead(307, { location: `${other()}/hop/0` }).end();
    } else {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(`${name}${path}`);
    }
  });
}

let a: Server;
let b: Server;
const base = (server: Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
beforeAll(async () => {
  a = redirecting('a', () => base(b));
  b = redirecting('b', () => base(a));
  await Promise.all([a, b].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});
afterAll(() => Promise.all([a, b].map((s) => new Promise((resolve) => s.close(resolve)))));

async function text(url: string, headers: Record<string, string> = {}): Promise<[number, string]> {
  const response = await httpGet(url, { headers, settings });
  let body = '';
  for await (const chunk of response) body += String(chunk);
  return [response.statusCode ?? 0, body];
}

describe('httpGet', () => {
  it('follows up to 5 redirects and hands back the sixth 3xx for the caller to report', async () => {
    expect(await text(`${base(a)}/hop/5`)).toEqual([200, 'a/hop/0']);
    const [status] = await text(`${base(a)}/hop/6`);
    expect(status).toBe(302);
  });

  it('keeps credentials on the same origin and drops them on a redirect to another one', async () => {
    seen.length = 0;
    const headers = { authorization: 'Bearer t0ken', cookie: 'session=1', range: 'bytes=0-' };
    expect(await text(`${base(a)}/hop/1`, headers)).toEqual([200, 'a/hop/0']);
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer t0ken', 'Bearer t0ken']);
    seen.length = 0;
    expect(await text(`${base(a)}/away`, headers)).toEqual([200, 'b/hop/0']);
    expect(seen.map((s) => [s.server, s.headers.authorization, s.headers.cookie, s.headers.range])).toEqual([
      ['a', 'Bearer t0ken', 'session=1', 'bytes=0-'],
      ['b', undefined, undefined, 'bytes=0-'],
    ]);
  });
});
