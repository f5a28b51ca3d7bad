// What a failed run may leave behind, found by walking the folders it wrote to.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const PARTIAL_DOWNLOAD = /\.part(\.json)?$/;

export interface Leftovers {
  /** Temp files and folders: `*.tmp`, `.partial-*` extraction folders, store temp files, attempt debris. */
  readonly temp: readonly string[];
  /** Partial downloads kept on purpose so a later attempt or resume continues them. */
  readonly partialDownloads: readonly string[];
}

/** Walks `roots` (missing ones are skipped) and sorts what it finds into temp files and partial downloads. */
export async function findLeftovers(...roots: readonly string[]): Promise<Leftovers> {
  const temp: string[] = [];
  const partialDownloads: string[] = [];
  for (const root of roots) {
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = relative(root, join(entry.parentPath, entry.name));
      const parts = path.split(sep);
      if (!entry.isFile()) {
        if (entry.name.includes('.partial') || entry.name === '.partials') temp.push(path);
        continue;
      }
      if (PARTIAL_DOWNLOAD.test(entry.name)) partialDownloads.push(path);
      else if (
        entry.name.endsWith('.tmp') ||
        parts.some((part) => part.includes('.partial') || part.startsWith('.attempt-')) ||
        parts.includes('.tmp')
      ) {
        temp.push(path);
      }
    }
  }
  return { temp: temp.sort(), partialDownloads: partialDownloads.sort() };
}
