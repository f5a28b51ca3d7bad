import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTarGz, makeZip, type ZipEntrySpec } from '../../../testing/make-archives.js';
import {
  ArchiveEntryNotFoundError,
  ArchiveTraversalError,
  CorruptArchiveError,
  TruncatedArchiveError,
  WrongArchiveFormatError,
} from './archive-errors.js';
import { extractZipEntries, extractZipToDirectory, listZipEntries } from './extract-zip.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'extract-zip-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ratings = `userId,movieId,rating,timestamp\n${Array.from({ length: 20_000 }, (_, i) => `${1 + (i >> 6)},${i % 997},${(i % 10) / 2 + 0.5},${1_100_000_000 + i}`).join('\n')}\n`;
const movies = 'movieId,title,genres\n11,"American President, The (1995)",Comedy|Drama|Romance\n';
const ml25m: ZipEntrySpec[] = [
  { path: 'ml-25m/' },
  { path: 'ml-25m/tags.csv', content: 'userId,movieId,tag,timestamp\n' },
  { path: 'ml-25m/README.txt', content: 'readme', store: true },
  { path: 'ml-25m/ratings.csv', content: ratings },
  { path: 'ml-25m/movies.csv', content: movies },
];

describe('extractZipEntries', () => {
  it('extracts selected entries straight to files and nothing else', async () => {
    const zip = join(dir, 'ml-25m.zip');
    await makeZip(zip, ml25m);
    const out = join(dir, 'out');
    const result = await extractZipEntries(zip, {
      'ml-25m/ratings.csv': join(out, 'ratings.csv'),
      'ml-25m/movies.csv': join(out, 'movies.csv'),
    });
    expect(result.map((r) => [r.entry, r.bytes])).toEqual([
      ['ml-25m/ratings.csv', Buffer.byteLength(ratings)],
      ['ml-25m/movies.csv', Buffer.byteLength(movies)],
    ]);
    expect(await readFile(join(out, 'ratings.csv'), 'utf8')).toBe(ratings);
    expect(await readFile(join(out, 'movies.csv'), 'utf8')).toBe(movies);
    expect((await readdir(out)).sort()).toEqual(['movies.csv', 'ratings.csv']);
  });

  it('lists what exists when a requested entry is missing, before writing anything', async () => {
    const zip = join(dir, 'ml-25m.zip');
    await makeZip(zip, ml25m);
    const error = await extractZipEntries(zip, {
      'ml-25m/movies.csv': join(dir, 'm.csv'),
      'ml-25m/ratings.parquet': join(dir, 'r'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveEntryNotFoundError);
    expect((error as Error).message).toContain('no entry ml-25m/ratings.parquet');
    expect((error as Error).message).toContain('ml-25m/ratings.csv');
    expect(existsSync(join(dir, 'm.csv'))).toBe(false);
  });

  it('reports a zip cut anywhere as truncated, naming the entry it ends in', async () => {
    const zip = join(dir, 'full.zip');
    await makeZip(zip, ml25m);
    const bytes = await readFile(zip);
    const ratingsAt = bytes.indexOf('ml-25m/ratings.csv');
    const moviesAt = bytes.indexOf('ml-25m/movies.csv');
    for (const [cut, where] of [
      [Math.floor(bytes.length / 2), 'inside entry ml-25m/ratings.csv'],
      [moviesAt - 30, 'after entry ml-25m/ratings.csv'],
      [bytes.length - 10, 'after entry ml-25m/movies.csv'],
      [ratingsAt + 100, 'inside entry ml-25m/ratings.csv'],
    ] as const) {
      const cutZip = join(dir, 'cut.zip');
      await writeFile(cutZip, bytes.subarray(0, cut));
      const error = await extractZipEntries(cutZip, { 'ml-25m/movies.csv': join(dir, 'm.csv') }).catch(
        (e: unknown) => e,
      );
      expect(error, `cut at ${cut}`).toBeInstanceOf(TruncatedArchiveError);
      expect((error as Error).message).toBe(
        `cut.zip is truncated after ${cut} bytes, ${where}: no end-of-central-directory record: the index at the end of the zip is missing`,
      );
      expect(existsSync(join(dir, 'm.csv'))).toBe(false);
    }
  });

  it('names a tar.gz (or any other format) given where a zip is expected', async () => {
    const gz = join(dir, 'ml-25m.zip');
    await makeTarGz(gz, [{ path: 'ml-25m/ratings.csv', content: ratings }]);
    await expect(extractZipEntries(gz, { 'ml-25m/ratings.csv': join(dir, 'r.csv') })).rejects.toThrow(
      new WrongArchiveFormatError('ml-25m.zip', 'a gzip file', 'a zip archive'),
    );
    await writeFile(gz, '<html><body>Moved</body></html>');
    await expect(listZipEntries(gz)).rejects.toThrow('ml-25m.zip is an HTML page, expected a zip archive');
  });

  it('passes a missing file through as the file-system error it is', async () => {
    await expect(listZipEntries(join(dir, 'nope.zip'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports corrupted entry data through the CRC-32 check and leaves no file', async () => {
    const zip = join(dir, 'flipped.zip');
    const payload = randomBytes(10_000);
    await makeZip(zip, [{ path: 'data.bin', content: payload, store: true }]);
    const bytes = await readFile(zip);
    const at = bytes.indexOf(payload.subarray(0, 32)) + 5_000;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await writeFile(zip, bytes);
    const error = await extractZipEntries(zip, { 'data.bin': join(dir, 'data.bin') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CorruptArchiveError);
    expect((error as Error).message).toMatch(/data\.bin fails its CRC-32 check/);
    expect(await readdir(dir)).toEqual(['flipped.zip']);
  });

  it('reports corrupted deflate data', async () => {
    const zip = join(dir, 'bad-deflate.zip');
    await makeZip(zip, [{ path: 'ratings.csv', content: ratings }]);
    const bytes = await readFile(zip);
    for (let i = 200; i < 400; i += 1) bytes[i] = 0xaa;
    await writeFile(zip, bytes);
    await expect(extractZipEntries(zip, { 'ratings.csv': join(dir, 'r.csv') })).rejects.toThrow(
      CorruptArchiveError,
    );
    expect(existsSync(join(dir, 'r.csv'))).toBe(false);
  });
});

describe('extractZipToDirectory', () => {
  it('extracts everything atomically', async () => {
    const zip = join(dir, 'ml-25m.zip');
    await makeZip(zip, ml25m);
    const result = await extractZipToDirectory(zip, join(dir, 'out'));
    expect(result).toHaveLength(4);
    expect(await readFile(join(dir, 'out/ml-25m/movies.csv'), 'utf8')).toBe(movies);
    expect((await readdir(dir)).sort()).toEqual(['ml-25m.zip', 'out']);
    expect(await listZipEntries(zip)).toEqual(ml25m.map((e) => e.path));
  });

  it.each(['../../evil.csv', 'ml-25m/../../../evil.csv', '/tmp/evil.csv'])(
    'rejects the zip-slip entry %s',
    async (name) => {
      const zip = join(dir, 'slip.zip');
      await makeZip(zip, [...ml25m, { path: name, content: 'pwned' }]);
      const error = await extractZipToDirectory(zip, join(dir, 'out')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveTraversalError);
      expect((error as ArchiveTraversalError).entry).toBe(name);
      expect(await readdir(dir)).toEqual(['slip.zip']);
    },
  );
});
