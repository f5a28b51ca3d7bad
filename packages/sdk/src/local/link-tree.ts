import { copyFile, link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Places a file or folder at `target` by hard-linking every file (copying across devices), replacing what was
 * there. Links make cache hits instant and free; components must treat input artifacts as read-only.
 */
export async function linkTree(source: string, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await mkdir(dirname(target), { recursive: true });
  await linkEntry(source, target);
}

async function linkEntry(source: string, target: string): Promise<void> {
  const info = await stat(source);
  if (!info.isDirectory()) {
    try {
      await link(source, target);
    } catch {
      await copyFile(source, target);
    }
    return;
  }
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source)) await linkEntry(join(source, entry), join(target, entry));
}
