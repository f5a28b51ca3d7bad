import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startHttpFixtureServer,
  type HttpFixtureServer,
} from '../../../testing/http-fixture/http-fixture-server.js';
import { ResumeRejectedError, RetriesExhaustedError } from './download-errors.js';
import { openResumableStream, type RetryEvent } from './resumable-stream.js';

const payload = randomBytes(200_000);
let server: HttpFixtureServer;

beforeAll(async () => {
  server = await startHttpFixtureServer();
});
afterAll(() => server.close());

async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('openResumableStream', () => {
  it('backs off exponentially with the injected sleep and gives up after maxAttempts', async () => {
    const url = server.route('/down', { body: { bytes: payload }, faults: { failFirst: { count: 100 } } });
    const slept: number[] = [];
    const events: RetryEvent[] = [];
    const error = await openResumableStream(url, {
      maxAttempts: 4,
      initialDelayMs: 100,
      random: () => 1,
      sleep: async (ms) => void slept.push(ms),
      onRetry: (event) => events.push(event),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toMatch(/after 4 attempts: HTTP 500/);
    expect(slept).toEqual([100, 200, 400]);
    expect(events.map((e) => e.reason)).toEqual(['HTTP 500', 'HTTP 500', 'HTTP 500']);
    expect(server.requestsFor('/down')).toHaveLength(4);
  });

  it('fails mid-stream with ResumeRejectedError when the file changed under it', async () => {
    const url = server.route('/moving', {
      body: { bytes: payload },
      faults: { dropAfter: { bytes: 50_000 } },
    });
    const stream = await openResumableStream(url, {
      sleep: async () => {
        server.route('/moving', { body: { bytes: randomBytes(200_000) } });
      },
    });
    await expect(readAll(stream.body)).rejects.toThrow(ResumeRejectedError);
    const resumed = server.requestsFor('/moving')[1];
    expect(resumed?.ifRange).toBeDefined();
    expect(resumed?.status).toBe(200);
  });

  it('pipes a dropped download through unchanged and counts requests', async () => {
    const url = server.route('/twice', {
      body: { bytes: payload },
      faults: { dropAfter: { bytes: 30_000, times: 2 } },
    });
    const stream = await openResumableStream(url, { sleep: async () => {} });
    expect(stream.totalBytes).toBe(payload.length);
    expect(fingerprint(await readAll(stream.body))).toBe(fingerprint(payload));
    expect(stream.requests()).toBe(3);
  });

  it('falls back to byte 0 when asked to resume without a matching validator', async () => {
    const url = server.route('/fresh', { body: { bytes: payload } });
    const stream = await openResumableStream(url, { startAt: 1_000, ifRange: '"stale"' });
    expect(stream.startAt).toBe(0);
    expect(fingerprint(await readAll(stream.body))).toBe(fingerprint(payload));
  });
});

/** Length and SHA-256: compares large buffers fast (deep `toEqual` on big Buffers is slow). */
function fingerprint(bytes: Uint8Array | undefined): string {
  return bytes ? `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}` : 'missing';
}
