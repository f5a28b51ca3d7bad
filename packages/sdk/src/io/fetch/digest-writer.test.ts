import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DigestWriter, WORKER_MIN_BYTES } from './digest-writer.js';

const dir = await mkdtemp(join(tmpdir(), 'digest-writer-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const hex = (algorithm: string, bytes: Uint8Array): string =>
  createHash(algorithm).update(bytes).digest('hex');

/** Feeds `bytes` in uneven chunks, as a socket delivers them. */
async function feed(writer: DigestWriter, bytes: Buffer, digestOnly = false): Promise<void> {
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 13) % 300_001) {
    const chunk = bytes.subarray(at, at + step);
    await (digestOnly ? writer.digestOnly(chunk) : writer.write(chunk));
  }
}

describe('DigestWriter', () => {
  // 9 MiB + 5 bytes: two full 4 MiB batches and a partial one; unknown size or a large one uses the worker.
  const bytes = randomBytes(9 * 1024 * 1024 + 5);
  it.each([
    ['on the main thread (small download)', 1024],
    ['with MD5 in a worker (size unknown)', undefined],
    ['with MD5 in a worker (large download)', WORKER_MIN_BYTES],
  ])('writes every byte and digests MD5 and SHA-256 %s', async (_label, expectedBytes) => {
    const path = join(dir, `whole-${expectedBytes}`);
    const writer = await DigestWriter.open(path, { algorithms: ['sha256', 'md5'], expectedBytes });
    await feed(writer, bytes);
    expect(await writer.finish()).toEqual({ sha256: hex('sha256', bytes), md5: hex('md5', bytes) });
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it('digests MD5 alone inline and writes every byte without fsync', async () => {
    const path = join(dir, 'md5-alone');
    const options = { algorithms: ['md5'] as const, expectedBytes: WORKER_MIN_BYTES, sync: false };
    const writer = await DigestWriter.open(path, options);
    await feed(writer, bytes);
    expect(await writer.finish()).toEqual({ md5: hex('md5', bytes) });
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it('continues a file: digests its bytes on disk, then appends from the offset', async () => {
    const path = join(dir, 'resumed');
    const held = 5 * 1024 * 1024 + 3;
    await writeFile(path, bytes.subarray(0, held));
    const writer = await DigestWriter.open(path, { algorithms: ['sha256', 'md5'], startAt: held });
    await feed(writer, bytes.subarray(0, held), true);
    await feed(writer, bytes.subarray(held));
    expect(await writer.finish()).toEqual({ sha256: hex('sha256', bytes), md5: hex('md5', bytes) });
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it('keeps every byte given so far when closed early, so a later run resumes after them', async () => {
    const path = join(dir, 'cut');
    const writer = await DigestWriter.open(path, { algorithms: ['sha256', 'md5'] });
    const given = bytes.subarray(0, 6 * 1024 * 1024 + 11);
    await feed(writer, given);
    await writer.close();
    expect((await readFile(path)).equals(given)).toBe(true);
  });

  it('reports a digest that differs when one byte of the input differs', async () => {
    const flipped = Buffer.from(bytes);
    const at = 7 * 1024 * 1024;
    flipped.writeUInt8(flipped.readUInt8(at) ^ 1, at);
    const writer = await DigestWriter.open(undefined, { algorithms: ['sha256', 'md5'] });
    await feed(writer, flipped, true);
    const digests = await writer.finish();
    expect(digests.md5).not.toBe(hex('md5', bytes));
    expect(digests.sha256).not.toBe(hex('sha256', bytes));
    expect(digests).toEqual({ sha256: hex('sha256', flipped), md5: hex('md5', flipped) });
  });
});
