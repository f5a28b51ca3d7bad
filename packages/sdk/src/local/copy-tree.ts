import { chmod, copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Places a copy of a file or folder at `target`, replacing what was there. Never a hard link: a link would let
 * an edit in one place (a run folder, the cache) change the other. `readOnly` strips write permission from the
 * copied files, which the cache uses to keep its entries as they were stored.
 */
export async function copyTree(source: string, target: string, readOnly = false): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(dirname(target), { recursive: true });
  await copyEntry(source, target, readOnly);
}

async function copyEntry(source: string, target: string, readOnly: boolean): Promise<void> {
  const info = await stat(source);
  if (!info.isDirectory()) {
    await copyFile(source, target);
    // A restored copy is the run's own file again (writable); a stored one is read-only.
    await chmod(target, readOnly ? 0o444 : 0o644);
    return;
  }
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source))
    await copyEntry(join(source, entry), join(target, entry), readOnly);
}
