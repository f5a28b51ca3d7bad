// The fast entry writer (zip-entry-inflate.ts) on entries larger than its input block and output ring, its
// size and CRC-32 checks, and the portable streaming path `extractZipEntries` takes on a Node without
// `ZlibInto`: both must write the same bytes and refuse the same damage.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeZip } from '../../../testing/make-archives.js';
import { ZlibInto } from '../../util/zlib-into.js';
import { CorruptArchiveError } from './archive-errors.js';
import { extractZipEntries } from './extract-zip.js';
import { inflateEntryToFile, type ZipEntryData } from './zip-entry-inflate.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zip-inflate-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** 9 MiB that deflate barely shrinks (several 4 MiB input blocks) followed by 6 MiB that it shrinks a lot. */
const payload = Buffer.concat([randomBytes(9 << 20), Buffer.alloc(6 << 20, 'userId,movieId\n')]);

/** A "zip" holding only the entry's data after a few junk bytes, and its directory facts. */
async function rawEntry(data: Buffer, method: 0 | 8): Promise<{ file: string; entry: ZipEntryData }> {
  const body = method === 8 ? deflateRawSync(data, { level: 1 }) : data;
  const file = join(dir, 'entry.bin');
  await writeFile(file, Buffer.concat([Buffer.from('JUNK'), body, Buffer.from('TRAILER')]));
  const entry = {
    name: 'ratings.csv',
    start: 4,
    compressedSize: body.length,
    uncompressedSize: data.length,
    method,
    crc32: crc32(data),
  };
  return { file, entry };
}

describe('inflateEntryToFile', () => {
  it('writes deflated and stored entries larger than its buffers byte for byte', async () => {
    for (const method of [8, 0] as const) {
      const { file, entry } = await rawEntry(payload, method);
      const out = join(dir, `out-${method}`);
      expect(await inflateEntryToFile(file, entry, out, 'a.zip')).toBe(true);
      expect((await readFile(out)).equals(payload)).toBe(true);
    }
  });

  it('writes an empty entry', async () => {
    const { file, entry } = await rawEntry(Buffer.alloc(0), 8);
    const out = join(dir, 'empty');
    expect(await inflateEntryToFile(file, entry, out, 'a.zip')).toBe(true);
    expect((await readFile(out)).length).toBe(0);
  });

  it('refuses data that inflates to more or fewer bytes than recorded, or fails its CRC-32', async () => {
    const { file, entry } = await rawEntry(payload, 8);
    const out = join(dir, 'out');
    await expect(
      inflateEntryToFile(file, { ...entry, uncompressedSize: payload.length - 1 }, out, 'a.zip'),
    ).rejects.toThrow(/inflates to more than the \d+ bytes its directory entry records/);
    await expect(
      inflateEntryToFile(file, { ...entry, uncompressedSize: payload.length + 1 }, out, 'a.zip'),
    ).rejects.toThrow(`inflated to ${payload.length} bytes, expected ${payload.length + 1}`);
    await expect(
      inflateEntryToFile(file, { ...entry, crc32: entry.crc32 ^ 1 }, out, 'a.zip'),
    ).rejects.toThrow(/ratings\.csv fails its CRC-32 check/);
  });

  it('refuses deflate data cut short, and a zip that ends inside the data', async () => {
    const { file, entry } = await rawEntry(payload, 8);
    const out = join(dir, 'out');
    const cut = { ...entry, compressedSize: entry.compressedSize - 100 };
    await expect(inflateEntryToFile(file, cut, out, 'a.zip')).rejects.toBeInstanceOf(CorruptArchiveError);
    const beyond = { ...entry, compressedSize: entry.compressedSize + 100 };
    await expect(inflateEntryToFile(file, beyond, out, 'a.zip')).rejects.toThrow(
      /the zip ends inside its data/,
    );
  });
});

describe('extractZipEntries without ZlibInto (the portable streaming path)', () => {
  it('writes the same bytes and refuses a flipped byte through the CRC-32 check', async () => {
    const create = vi.spyOn(ZlibInto, 'create').mockReturnValue(undefined);
    const zip = join(dir, 'a.zip');
    const small = payload.subarray(8 << 20, 10 << 20);
    await makeZip(zip, [
      { path: 'd.bin', content: small },
      { path: 's.bin', content: small, store: true },
    ]);
    await extractZipEntries(zip, { 'd.bin': join(dir, 'd'), 's.bin': join(dir, 's') });
    expect((await readFile(join(dir, 'd'))).equals(small)).toBe(true);
    expect((await readFile(join(dir, 's'))).equals(small)).toBe(true);
    const bytes = await readFile(zip);
    const at = bytes.lastIndexOf(small.subarray(0, 64)) + 1000;
    bytes[at] = bytes[at]! ^ 0xff;
    await writeFile(zip, bytes);
    await expect(extractZipEntries(zip, { 's.bin': join(dir, 's2') })).rejects.toThrow(
      /s\.bin fails its CRC-32/,
    );
    expect(create).toHaveBeenCalled();
  });
});
