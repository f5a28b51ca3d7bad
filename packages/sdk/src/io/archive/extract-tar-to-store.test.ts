import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpFixtureServer } from '../../../testing/http-fixture/http-fixture-server.js';
import { makeTarGz, type ArchiveEntrySpec } from '../../../testing/make-archives.js';
import { ArchiveTraversalError, CorruptArchiveError } from './archive-errors.js';
import { extractTarToStore, type EntrySink } from './extract-tar-to-store.js';
import type { ObjectInfo } from '../store/object-store.js';
import { openResumableStream } from '../fetch/resumable-stream.js';

/** Just the two ObjectStore methods extraction uses, recording peak concurrency. */
class MemorySink implements EntrySink {
  readonly objects = new Map<string, Buffer>();
  active = 0;
  peak = 0;

  async putBytes(bucket: string, key: string, body: Uint8Array | string): Promise<ObjectInfo> {
    return this.track(bucket, key, async () => Buffer.from(body));
  }

  async putStream(bucket: string, key: string, body: Readable): Promise<ObjectInfo> {
    return this.track(bucket, key, async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks);
    });
  }

  private async track(bucket: string, key: string, read: () => Promise<Buffer>): Promise<ObjectInfo> {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    try {
      const data = await read();
      await new Promise((resolve) => setTimeout(resolve, 2));
      this.objects.set(`${bucket}/${key}`, data);
      return { key, size: data.length };
    } finally {
      this.active -= 1;
    }
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tar-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const files = Array.from({ length: 40 }, (_, i) => ({
  path: `MINIDATA/images/CA01_${String(i).padStart(2, '0')}.png`,
  content: randomBytes(3_000 + i),
}));
const big = randomBytes(600_000);
const entries: ArchiveEntrySpec[] = [
  { path: 'MINIDATA/', type: 'dir' },
  ...files,
  { path: 'MINIDATA/images/huge.tif', content: big },
  { path: 'MINIDATA/README', content: 'skip me' },
  { path: 'MINIDATA/link', type: 'symlink', target: 'images/huge.tif' },
];
const toKey = (path: string): string | undefined =>
  path.includes('/images/') ? `dataset/images/${path.split('/').pop()}` : undefined;

describe('extractTarToStore', () => {
  it('maps entries to keys, uploads concurrently within the limit and streams big entries', async () => {
    const archive = join(dir, 'mini.tar.gz');
    await makeTarGz(archive, entries);
    const sink = new MemorySink();
    const result = await extractTarToStore(archive, sink, {
      bucket: 'dataset',
      mapEntry: toKey,
      concurrency: 4,
      smallEntryBytes: 100_000,
      markerKey: 'dataset/_COMPLETE',
    });
    expect(result.objects).toBe(41);
    expect(result.skipped).toBe(1);
    expect(fingerprint(sink.objects.get('dataset/dataset/images/huge.tif'))).toBe(fingerprint(big));
    for (const file of files)
      expect(fingerprint(sink.objects.get(`dataset/dataset/images/${file.path.split('/').pop()}`))).toBe(
        fingerprint(file.content),
      );
    expect(sink.peak).toBeGreaterThan(1);
    expect(sink.peak).toBeLessThanOrEqual(4);
    expect(JSON.parse(sink.objects.get('dataset/dataset/_COMPLETE')?.toString() ?? '{}')).toMatchObject({
      objects: 41,
    });
  });

  it('extracts straight from an HTTP stream that drops mid-archive', async () => {
    const archive = join(dir, 'mini.tar.gz');
    await makeTarGz(archive, entries);
    const server = await startHttpFixtureServer();
    try {
      const url = server.route('/mini.gz', {
        body: { file: archive },
        faults: { dropAfter: { bytes: 50_000 } },
      });
      const stream = await openResumableStream(url, { sleep: async () => {} });
      const sink = new MemorySink();
      const result = await extractTarToStore(stream.body, sink, { bucket: 'b', mapEntry: toKey });
      expect(result.objects).toBe(41);
      expect(fingerprint(sink.objects.get('b/dataset/images/huge.tif'))).toBe(fingerprint(big));
      expect(server.requestsFor('/mini.gz').some((r) => /^bytes=[1-9]\d*-$/.test(r.range ?? ''))).toBe(true);
    } finally {
      await server.close();
    }
  });

  /** Extracts an archive that must fail; returns the error and what the sink holds. */
  async function failedExtraction(archive: string): Promise<{ error: unknown; sink: MemorySink }> {
    const sink = new MemorySink();
    const options = { bucket: 'b', mapEntry: toKey, markerKey: 'done' };
    const error = await extractTarToStore(archive, sink, options).catch((e: unknown) => e);
    return { error, sink };
  }

  it('rejects traversal entries and writes no completion marker', async () => {
    const archive = join(dir, 'evil.tar.gz');
    await makeTarGz(archive, [...entries.slice(0, 5), { path: 'MINIDATA/../../x.png', content: 'x' }]);
    const { error, sink } = await failedExtraction(archive);
    expect(error).toBeInstanceOf(ArchiveTraversalError);
    expect(sink.objects.has('b/done')).toBe(false);
  });

  it('reports a truncated archive and writes no completion marker', async () => {
    const archive = join(dir, 'cut.tar.gz');
    await makeTarGz(archive, entries);
    await truncate(archive, Math.floor((await stat(archive)).size * 0.6));
    const { error, sink } = await failedExtraction(archive);
    expect(error).toBeInstanceOf(CorruptArchiveError);
    expect(sink.objects.has('b/done')).toBe(false);
  });

  it('stops on an upload failure', async () => {
    const archive = join(dir, 'mini.tar.gz');
    await makeTarGz(archive, entries);
    const failing: EntrySink = {
      putBytes: async () => {
        throw new Error('bucket is read-only');
      },
      putStream: async () => {
        throw new Error('bucket is read-only');
      },
    };
    await expect(extractTarToStore(archive, failing, { bucket: 'b', mapEntry: toKey })).rejects.toThrow(
      'bucket is read-only',
    );
  });
});

/** Length and SHA-256: compares large buffers fast (deep `toEqual` on big Buffers is slow). */
function fingerprint(bytes: Uint8Array | undefined): string {
  return bytes ? `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}` : 'missing';
}
