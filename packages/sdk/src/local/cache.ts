import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../dsl/index.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { linkTree } from './link-tree.js';

/** Everything that decides a task's outputs, as KFP's cache key: spec, container, inputs and input content. */
export interface CacheKeyInput {
  readonly componentSpec: unknown;
  readonly container: unknown;
  /** The command the local machine runs and digests of its program files (a rebuilt bundle misses). */
  readonly localCommand: readonly string[];
  readonly programDigests: Readonly<Record<string, string>>;
  readonly inputParameters: Readonly<Record<string, JsonValue>>;
  readonly inputArtifactDigests: Readonly<Record<string, string>>;
  /**
   * Which object store the task sees (embedded store folder or S3 endpoint, never credentials): a task that
   * wrote to one store must not be reused for a run against another. KFP has no such notion; locally the
   * store is part of the machine, so it is part of the key.
   */
  readonly objectStore?: string;
}

export interface CacheEntry {
  readonly key: string;
  readonly pipeline: string;
  readonly runId: string;
  readonly task: string;
  readonly createdAt: string;
  readonly outputParameters: Readonly<Record<string, JsonValue>>;
  /** Names of the output artifacts stored with the entry (missing ones were never created). */
  readonly artifacts: readonly string[];
}

const ENTRY_FILE = 'entry.json';
const ARTIFACTS_DIR = 'artifacts';

export function cacheKey(input: CacheKeyInput): string {
  return createHash('sha256').update(stableJson(input)).digest('hex');
}

/** Content digest of a file or a folder tree (names and bytes); `missing` when nothing is there. */
export async function digestPath(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 'missing';
  const hash = createHash('sha256');
  if (info.isDirectory()) {
    hash.update('dir\0');
    for (const entry of (await readdir(path)).sort())
      hash.update(`${entry}\0${await digestPath(join(path, entry))}\0`);
  } else {
    hash.update('file\0');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** `<runsDir>/.cache/<key>/{entry.json, artifacts/<name>}`; an entry exists only once fully written. */
export class CacheStore {
  constructor(readonly dir: string) {}

  async lookup(key: string): Promise<CacheEntry | undefined> {
    try {
      const entry = JSON.parse(await readFile(join(this.dir, key, ENTRY_FILE), 'utf8')) as CacheEntry;
      return entry.key === key ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Links the entry's artifacts to the given paths. */
  async restore(entry: CacheEntry, targets: Readonly<Record<string, string>>): Promise<void> {
    for (const name of entry.artifacts) {
      const target = targets[name];
      if (target) await linkTree(join(this.dir, entry.key, ARTIFACTS_DIR, name), target);
    }
  }

  /** Stores outputs under a temp folder, then renames it into place (first writer wins). */
  async save(entry: CacheEntry, artifactPaths: Readonly<Record<string, string>>): Promise<void> {
    const temp = join(this.dir, `.${entry.key}.${process.pid}.${Date.now()}.tmp`);
    try {
      for (const name of entry.artifacts) {
        const source = artifactPaths[name];
        if (source) await linkTree(source, join(temp, ARTIFACTS_DIR, name));
      }
      await mkdir(temp, { recursive: true });
      await writeFileAtomic(join(temp, ENTRY_FILE), `${JSON.stringify(entry, null, 2)}\n`);
      await rm(join(this.dir, entry.key), { recursive: true, force: true });
      await rename(temp, join(this.dir, entry.key));
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }
}

/** JSON with sorted object keys, so equal values always hash the same. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : item,
  );
}
