import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startHttpFixtureServer,
  type HttpFixtureServer,
} from '../../../testing/http-fixture/http-fixture-server.js';
import { makeTarGz } from '../../../testing/make-archives.js';
import { downloadFile } from './download.js';
import { extractTarToStore } from '../archive/extract-tar-to-store.js';
import { openResumableStream } from './resumable-stream.js';

const MiB = 1024 * 1024;
const block = randomBytes(MiB + 7);

/** Deterministic bytes at any offset, so a 256 MiB resource never sits in memory. */
function* bytesAt(start: number, end: number): Generator<Buffer> {
  for (let at = start; at <= end; ) {
    const offset = at % block.length;
    const take = Math.min(block.length - offset, end - at + 1, MiB);
    yield block.subarray(offset, offset + take);
    at += take;
  }
}

let server: HttpFixtureServer;
let dir: string;
beforeAll(async () => {
  server = await startHttpFixtureServer();
  dir = await mkdtemp(join(tmpdir(), 'download-int-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('large downloads over a flaky connection', () => {
  it('downloads 256 MiB through four mid-body drops with a verified sha256', async () => {
    const size = 256 * MiB;
    const expected = createHash('sha256');
    for (const chunk of bytesAt(0, size - 1)) expected.update(chunk);
    const url = server.route('/big.bin', {
      body: { size, generate: bytesAt },
      faults: { dropAfter: { bytes: 48 * MiB, times: 4 } },
    });
    const result = await downloadFile(url, join(dir, 'big.bin'), {
      checksum: `sha256:${expected.digest('hex')}`,
      sleep: async () => {},
      progress: false,
    });
    expect(result.bytes).toBe(size);
    const ranges = server.requestsFor('/big.bin').map((r) => r.range);
    expect(ranges).toHaveLength(5);
    expect(ranges.slice(1).every((range) => /^bytes=\d+-$/.test(range ?? ''))).toBe(true);
  });

  it('streams a 2,000-entry tar.gz from HTTP into a store while the connection drops', async () => {
    const entries = Array.from({ length: 2_000 }, (_, i) => ({
      path: `DATA/images/img_${i}.png`,
      content: randomBytes(8_000 + (i % 100)),
    }));
    const archive = join(dir, 'data.tar.gz');
    await makeTarGz(archive, entries);
    const url = server.route('/data.gz', {
      body: { file: archive },
      faults: { dropAfter: { bytes: 3 * MiB, times: 3 } },
    });
    const stored = new Map<string, number>();
    const sink = {
      putBytes: async (_bucket: string, key: string, body: Uint8Array | string) => {
        stored.set(key, body.length);
        return { key, size: body.length };
      },
      putStream: async (_bucket: string, key: string) => ({ key, size: 0 }),
    };
    const stream = await openResumableStream(url, { sleep: async () => {} });
    const result = await extractTarToStore(stream.body, sink, {
      bucket: 'dataset',
      mapEntry: (p) => p.replace(/^DATA\//, 'dataset/'),
      concurrency: 16,
    });
    expect(result.objects).toBe(2_000);
    expect(stored.get('dataset/images/img_1999.png')).toBe(8_099);
    expect(server.requestsFor('/data.gz')).toHaveLength(4);
    let archiveBytes = 0;
    for await (const chunk of createReadStream(archive) as AsyncIterable<Buffer>)
      archiveBytes += chunk.length;
    expect(stream.totalBytes).toBe(archiveBytes);
  });
});
