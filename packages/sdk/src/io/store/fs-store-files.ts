// Housekeeping of the filesystem store: temp files named `<pid>-<random>` (so a crashed writer's leftovers can be
// recognised), empty folders after deletes, metadata keys.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  copyFile,
  link,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { makeDir } from '../../util/make-dir.js';

/** A temp name that records the writing process. */
export function tempName(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** True while process `pid` exists (signal 0 checks without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files in `dir` whose process is gone or that are older than `olderThanMs`; returns how many. */
export async function removeStaleTempFiles(dir: string, olderThanMs: number): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(name.split('-')[0]);
    const info = await stat(join(dir, name)).catch(() => undefined);
    // A second link of a stored object (`copyInStore`) keeps the object's old mtime: its age is the link's.
    const written = info && info.nlink > 1 ? info.ctimeMs : info?.mtimeMs;
    if (!info || (Number.isInteger(pid) && isRunning(pid) && (written ?? 0) >= cutoff)) continue;
    await unlink(join(dir, name)).then(
      () => (removed += 1),
      () => undefined,
    );
  }
  return removed;
}

/** Removes directories left empty by a delete, up to (not including) `top`. */
export async function pruneEmptyDirs(top: string, key: string): Promise<void> {
  let dir = dirname(join(top, key));
  while (dir.length > top.length && dir.startsWith(top + sep)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

/** User metadata keys are case-insensitive on S3; the filesystem store keeps them lower-case too. */
export function lowerKeys(
  metadata: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
}

/** An exclusive create found an object at the key. */
export class KeyExists extends Error {
  override readonly name = 'KeyExists';
}

/**
 * Moves a finished temp file into place: `replace` renames over what is there; `exclusive` hard-links, which
 * fails when the key exists (`KeyExists`), then drops the temp name.
 */
export async function placeFile(tmp: string, target: string, mode: 'replace' | 'exclusive'): Promise<void> {
  if (mode === 'replace') return rename(tmp, target);
  try {
    await link(tmp, target);
  } catch (error) {
    const taken = (error as NodeJS.ErrnoException).code === 'EEXIST';
    if (taken && (await stat(target).catch(() => undefined))?.isFile()) throw new KeyExists(target);
    throw error;
  }
  await rm(tmp, { force: true });
}

/**
 * The bytes of `source` at the new name `tmp`, for a copy inside the store. Every write to the store goes
 * through a temp name and a rename and nothing rewrites an object in place, so a second hard link is a
 * copy that moves no bytes (the publish's book keys are 190 MB at 25 M rows); where links are refused the
 * bytes are copied, as a reflink where the file system has them.
 */
export async function copyInStore(source: string, tmp: string): Promise<void> {
  try {
    await link(source, tmp);
  } catch {
    await copyFile(source, tmp, constants.COPYFILE_FICLONE);
  }
}

/** What the sidecar `<root>/.meta/<bucket>/<key>.json` holds next to each object. */
export interface Sidecar {
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
}

export async function readSidecar(path: string): Promise<Sidecar> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Sidecar;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw error;
  }
}

/** Writes a sidecar through a temp file in `tmpDir`. */
export async function writeSidecar(tmpDir: string, path: string, sidecar: Sidecar): Promise<void> {
  const tmp = join(tmpDir, `${tempName()}.json`);
  try {
    await writeFile(tmp, JSON.stringify(sidecar));
    await makeDir(dirname(path));
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
