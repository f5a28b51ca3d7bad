import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, truncate, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTarGz, type ArchiveEntrySpec } from '../../../testing/make-archives.js';
import { ArchiveTraversalError, TruncatedArchiveError, WrongArchiveFormatError } from './archive-errors.js';
import { extractTarToDirectory } from './extract-tar.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'extract-tar-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const image = randomBytes(200_000);
const good: ArchiveEntrySpec[] = [
  { path: 'DATA/', type: 'dir' },
  { path: 'DATA/images/CA01_02.tif', content: image },
  { path: 'DATA/labels/CA01_02.txt', content: '0 0.5 0.5 0.2 0.3\n' },
  { path: `DATA/labels/${'long-name-'.repeat(12)}.txt`, content: 'pax\n' },
  { path: 'DATA/latest', type: 'symlink', target: 'images/CA01_02.tif' },
];

async function siblings(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('extractTarToDirectory', () => {
  it('extracts a tar.gz atomically, including long names and inside links', async () => {
    const archive = join(dir, 'data.tar.gz');
    await makeTarGz(archive, good);
    const result = await extractTarToDirectory(archive, join(dir, 'out'));
    expect(result).toMatchObject({ files: 3, bytes: image.length + 18 + 4 });
    expect(fingerprint(await readFile(join(dir, 'out/DATA/images/CA01_02.tif')))).toBe(fingerprint(image));
    expect(await readlink(join(dir, 'out/DATA/latest'))).toBe('images/CA01_02.tif');
    expect(await siblings()).toEqual(['data.tar.gz', 'out']);
  });

  it('replaces an existing target only once the new tree is complete', async () => {
    const archive = join(dir, 'data.tar.gz');
    await makeTarGz(archive, good);
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, 'out/stale.txt'), 'old');
    await extractTarToDirectory(archive, join(dir, 'out'));
    expect(existsSync(join(dir, 'out/stale.txt'))).toBe(false);
    expect(await siblings()).toEqual(['data.tar.gz', 'out']);
  });

  it.each([
    ['a ../ path', { path: 'DATA/../../evil.txt', content: 'x' }, /path contains '\.\.'/],
    ['an absolute path', { path: '/tmp/evil.txt', content: 'x' }, /absolute path/],
    [
      'a symlink to an absolute path',
      { path: 'DATA/etc', type: 'symlink', target: '/etc' },
      /symlink to absolute path/,
    ],
    [
      'a symlink climbing out',
      { path: 'DATA/up', type: 'symlink', target: '../../outside' },
      /points outside/,
    ],
    [
      'a symlink through a folder and back up',
      { path: 'DATA/x', type: 'symlink', target: 'images/../../..' },
      /after a folder/,
    ],
    ['a hard link outside', { path: 'DATA/h', type: 'hardlink', target: '../secret' }, /hard link/],
  ] as const)('rejects %s and leaves nothing behind', async (_name, hostile, message) => {
    const archive = join(dir, 'evil.tar.gz');
    await makeTarGz(archive, [...good.slice(0, 2), hostile, ...good.slice(2)]);
    const error = await extractTarToDirectory(archive, join(dir, 'out')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveTraversalError);
    expect((error as Error).message).toMatch(message);
    expect((error as ArchiveTraversalError).entry).toBe(hostile.path);
    expect(await siblings()).toEqual(['evil.tar.gz']);
  });

  it('reports a truncated tar.gz clearly and leaves nothing behind', async () => {
    const archive = join(dir, 'cut.tar.gz');
    await makeTarGz(archive, good);
    await truncate(archive, Math.floor((await stat(archive)).size / 2));
    const error = await extractTarToDirectory(archive, join(dir, 'out')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruncatedArchiveError);
    expect((error as Error).message).toMatch(
      /^cut\.tar\.gz is truncated after \d+ bytes, inside entry DATA\/images\/CA01_02\.tif: the gzip stream ends without its trailer$/,
    );
    expect(await siblings()).toEqual(['cut.tar.gz']);
  });

  it('names a file of another format instead of extracting it', async () => {
    const archive = join(dir, 'page.tar.gz');
    await writeFile(archive, '<!DOCTYPE html><html><body>not a tarball</body></html>'.repeat(20));
    await expect(extractTarToDirectory(archive, join(dir, 'out'))).rejects.toThrow(
      new WrongArchiveFormatError('page.tar.gz', 'an HTML page', 'a tar or tar.gz archive'),
    );
    expect(await siblings()).toEqual(['page.tar.gz']);
  });

  it('applies a filter', async () => {
    const archive = join(dir, 'data.tar.gz');
    await makeTarGz(archive, good);
    const result = await extractTarToDirectory(archive, join(dir, 'out'), {
      filter: (p) => !p.endsWith('.tif'),
    });
    expect(result.files).toBe(2);
    expect(existsSync(join(dir, 'out/DATA/images/CA01_02.tif'))).toBe(false);
  });
});

/** Length and SHA-256: compares large buffers fast (deep `toEqual` on big Buffers is slow). */
function fingerprint(bytes: Uint8Array | undefined): string {
  return bytes ? `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}` : 'missing';
}
