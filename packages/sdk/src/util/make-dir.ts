import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The two calls `makeDir` needs; tests pass a file system that fails the way a read-only mount does. */
export interface MakeDirFs {
  mkdir(path: string, options?: { recursive: boolean }): Promise<unknown>;
  stat(path: string): Promise<unknown>;
}

const nodeFs: MakeDirFs = { mkdir, stat };

const REASONS: Readonly<Record<string, string>> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a parent is a file, not a folder',
  ENOSPC: 'no space left on the device',
  EEXIST: 'a file with that name exists',
};

/**
 * `mkdir -p` that reports the real reason, naming the folder. Node's recursive mkdir answers ENOENT when a
 * parent cannot be created (a read-only file system, a missing permission); this retries the first missing
 * level on its own to get the true code (EROFS, EACCES).
 */
export async function makeDir(path: string, fs: MakeDirFs = nodeFs): Promise<void> {
  try {
    await fs.mkdir(path, { recursive: true });
  } catch (error) {
    let cause = error as NodeJS.ErrnoException;
    let at = path;
    if (cause.code === 'ENOENT') [cause, at] = await firstFailingLevel(path, cause, fs);
    const code = cause.code ?? 'EIO';
    const reason = REASONS[code] ?? cause.message;
    throw Object.assign(new Error(`cannot create folder ${path}: ${reason} (${code} at ${at})`, { cause }), {
      code,
      path,
      syscall: 'mkdir',
    });
  }
}

async function firstFailingLevel(
  path: string,
  original: NodeJS.ErrnoException,
  fs: MakeDirFs,
): Promise<[NodeJS.ErrnoException, string]> {
  let first = path;
  while (dirname(first) !== first && !(await exists(dirname(first), fs))) first = dirname(first);
  try {
    await fs.mkdir(first);
    return [original, path];
  } catch (error) {
    return [error as NodeJS.ErrnoException, first];
  }
}

async function exists(path: string, fs: MakeDirFs): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}
