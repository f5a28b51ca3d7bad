import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';

/** One request read to the end: status, headers and body bytes (for tests of the loopback and fixture servers). */
export async function httpGet(
  url: string,
  headers: Record<string, string> = {},
  method: 'GET' | 'HEAD' = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }> {
  const response = await request(url, { method, headers });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, bytes };
}
