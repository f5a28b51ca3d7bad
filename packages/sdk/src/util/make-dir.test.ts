import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDir, type MakeDirFs } from './make-dir.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'make-dir-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code });

describe('makeDir', () => {
  it('creates nested folders and accepts existing ones', async () => {
    await makeDir(join(dir, 'a/b/c'));
    await makeDir(join(dir, 'a/b/c'));
    expect((await stat(join(dir, 'a/b/c'))).isDirectory()).toBe(true);
  });

  it('names a parent that is a file', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const error = await makeDir(join(dir, 'file/sub')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENOTDIR' });
    expect((error as Error).message).toBe(
      `cannot create folder ${join(dir, 'file/sub')}: a parent is a file, not a folder (ENOTDIR at ${join(dir, 'file/sub')})`,
    );
  });

  it('reports EROFS, not the ENOENT recursive mkdir gives on a read-only mount', async () => {
    // What Linux does under a read-only mount at /ro: recursive mkdir says ENOENT, one level says EROFS.
    const readOnly: MakeDirFs = {
      mkdir: async (_path, options) => {
        throw errno(options?.recursive ? 'ENOENT' : 'EROFS');
      },
      stat: async (path) => {
        if (path === '/ro' || path === '/') return {};
        throw errno('ENOENT');
      },
    };
    const error = await makeDir('/ro/objects/bucket', readOnly).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EROFS' });
    expect((error as Error).message).toBe(
      'cannot create folder /ro/objects/bucket: the file system is read-only (EROFS at /ro/objects)',
    );
  });
});
