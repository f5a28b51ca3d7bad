// Every way a tar or tar.gz can be short or mislabelled ends with an error naming it, and nothing published.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTarBytes, makeZip, type ArchiveEntrySpec } from '../../../testing/make-archives.js';
import { FsObjectStore } from '../store/fs-object-store.js';
import { TruncatedArchiveError, WrongArchiveFormatError } from './archive-errors.js';
import { extractTarToStore } from './extract-tar-to-store.js';
import { extractTarToDirectory } from './extract-tar.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tar-input-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entries: ArchiveEntrySpec[] = [
  { path: 'DATA/images/a.tif', content: randomBytes(3_000) },
  { path: 'DATA/labels/a.txt', content: '0 0.5 0.5 0.1 0.1\n' },
  { path: 'DATA/images/b.tif', content: randomBytes(700) },
];
const tar = makeTarBytes(entries);
const BLOCK = 512;
const EXPECTED = 'a tar or tar.gz archive';

async function extract(bytes: Uint8Array, name: string): Promise<unknown> {
  return extractTarToDirectory(Readable.from([Buffer.from(bytes)]), join(dir, 'out'), {
    archiveName: name,
  }).catch((e: unknown) => e);
}

describe('tar and tar.gz integrity', () => {
  it('extracts the complete archive in both forms', async () => {
    expect(await extract(tar, 'data.tar')).toMatchObject({ files: 3 });
    expect(await extract(gzipSync(tar), 'data.tar.gz')).toMatchObject({ files: 3 });
  });

  it('refuses a tar cut at every block boundary, naming the last entry', async () => {
    for (let blocks = 1; blocks < tar.length / BLOCK; blocks++) {
      const error = await extract(tar.subarray(0, blocks * BLOCK), 'data.tar');
      expect(error, `cut after ${blocks} blocks`).toBeInstanceOf(TruncatedArchiveError);
      expect((error as Error).message).toMatch(
        /^data\.tar is truncated after \d+ bytes, (inside|after) entry DATA\//,
      );
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('refuses a complete gzip of a tar that stops at an entry boundary (no end-of-archive blocks)', async () => {
    const withoutEnd = tar.subarray(0, tar.length - 2 * BLOCK);
    const error = await extract(gzipSync(withoutEnd), 'data.tar.gz');
    expect(error).toBeInstanceOf(TruncatedArchiveError);
    expect((error as Error).message).toBe(
      `data.tar.gz is truncated after ${gzipSync(withoutEnd).length} bytes, after entry DATA/images/b.tif: ` +
        'the tar stream ends without its end-of-archive blocks (two zero blocks)',
    );
  });

  it('refuses a tar.gz cut anywhere before its gzip trailer', async () => {
    const gz = gzipSync(tar);
    for (const cut of [10, 100, 200, gz.length - 100, gz.length - 8, gz.length - 1]) {
      const error = await extract(gz.subarray(0, cut), 'data.tar.gz');
      expect(error, `cut at ${cut} of ${gz.length}`).toBeInstanceOf(TruncatedArchiveError);
      expect((error as Error).message).toMatch(/^data\.tar\.gz is truncated after \d+ bytes/);
    }
  });

  it.each([
    ['a zip archive', async () => zipBytes()],
    ['an HTML page', async () => Buffer.from('<!doctype html><html><body>Sign in</body></html>')],
    ['a bzip2-compressed file', async () => Buffer.concat([Buffer.from('BZh91AY&SY'), randomBytes(600)])],
    [
      'a text file starting "userId,movieId,rating,timestamp"',
      async () => Buffer.from('userId,movieId,rating,timestamp\n1,2,3.5,4\n'),
    ],
    ['empty (0 bytes)', async () => Buffer.alloc(0)],
    ['gzip-compressed zip archive', async () => gzipSync(await zipBytes())],
    ['an empty gzip file', async () => gzipSync(Buffer.alloc(0))],
  ])('names %s as the wrong format', async (found, bytes) => {
    const error = await extract(await bytes(), 'DATA.gz');
    expect(error).toEqual(new WrongArchiveFormatError('DATA.gz', found, EXPECTED));
    expect((error as Error).message).toBe(`DATA.gz is ${found}, expected ${EXPECTED}`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes no marker and names the cut when streaming a short tar.gz into a store', async () => {
    const store = new FsObjectStore(join(dir, 'objects'));
    await store.ensureBucket('bucket');
    const gz = gzipSync(tar);
    const error = await extractTarToStore(Readable.from([gz.subarray(0, gz.length - 20)]), store, {
      bucket: 'bucket',
      mapEntry: (path) => path,
      markerKey: '_done.json',
      archiveName: 'DATA.gz',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruncatedArchiveError);
    expect(await store.head('bucket', '_done.json')).toBeUndefined();
  });

  async function zipBytes(): Promise<Buffer> {
    const path = join(tmpdir(), `tar-input-${process.pid}-${Date.now()}.zip`);
    await makeZip(path, [{ path: 'a.csv', content: 'x\n' }]);
    const bytes = await readFile(path);
    await rm(path, { force: true });
    return bytes;
  }
});
