// Housekeeping of the filesystem store: temp files named `<pid>-<random>` (so a crashed writer's leftovers can be
// recognised), empty folders after deletes, metadata keys.
import { randomBytes } from 'node:crypto';
import { readdir, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

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
    if (!info || (Number.isInteger(pid) && isRunning(pid) && info.mtimeMs >= cutoff)) continue;
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
