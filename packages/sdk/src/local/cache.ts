import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonValue } from '../dsl/index.js';
import { hashFileInto } from '../util/hash-file.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { copyTree } from './copy-tree.js';

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
  /** `digestPath` of each stored artifact, checked on every hit (`restore`). */
  readonly digests?: Readonly<Record<string, string>>;
}

/** A cache entry whose stored files no longer match the digests recorded when it was saved. */
export class CacheEntryCorruptError extends Error {
  override readonly name = 'CacheEntryCorruptError';
  constructor(
    readonly key: string,
    readonly artifact: string,
    readonly detail: string,
  ) {
    super(
      `cache entry ${key.slice(0, 12)}: output artifact '${artifact}' ${detail}; the entry was discarded`,
    );
  }
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
    await hashFileInto(path, hash);
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

  /**
   * Copies the entry's artifacts to the given paths, each checked first against the digest recorded when it
   * was stored; a mismatch discards the entry and throws `CacheEntryCorruptError` (the caller runs the task).
   */
  async restore(entry: CacheEntry, targets: Readonly<Record<string, string>>): Promise<void> {
    for (const name of entry.artifacts) {
      const stored = join(this.dir, entry.key, ARTIFACTS_DIR, name);
      const expected = entry.digests?.[name];
      const actual = await digestPath(stored);
      if (expected === undefined || actual !== expected) {
        await this.discard(entry.key);
        const detail =
          expected === undefined
            ? 'has no recorded digest (an entry from an older runner)'
            : actual === 'missing'
              ? 'is missing'
              : `changed since it was stored (sha256 ${actual.slice(0, 12)}…, stored ${expected.slice(0, 12)}…)`;
        throw new CacheEntryCorruptError(entry.key, name, detail);
      }
      const target = targets[name];
      if (target) await copyTree(stored, target);
    }
  }

  async discard(key: string): Promise<void> {
    await makeWritable(join(this.dir, key));
    await rm(join(this.dir, key), { recursive: true, force: true });
  }

  /** Stores read-only copies of the outputs under a temp folder, then renames it into place (last writer wins). */
  async save(entry: CacheEntry, artifactPaths: Readonly<Record<string, string>>): Promise<void> {
    const temp = join(this.dir, `.${entry.key}.${process.pid}.${Date.now()}.tmp`);
    try {
      const digests: Record<string, string> = {};
      for (const name of entry.artifacts) {
        const source = artifactPaths[name];
        if (!source) continue;
        const target = join(temp, ARTIFACTS_DIR, name);
        await copyTree(source, target, true);
        digests[name] = await digestPath(target);
      }
      await mkdir(temp, { recursive: true });
      const stored: CacheEntry = { ...entry, digests };
      await writeFileAtomic(join(temp, ENTRY_FILE), `${JSON.stringify(stored, null, 2)}\n`);
      await this.discard(entry.key);
      await rename(temp, join(this.dir, entry.key));
    } finally {
      await makeWritable(temp);
      await rm(temp, { recursive: true, force: true });
    }
  }
}

/** Read-only files can be removed from a writable folder, but be safe for platforms that refuse. */
async function makeWritable(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) return void (await chmod(path, 0o644).catch(() => undefined));
  for (const entry of await readdir(path)) await makeWritable(join(path, entry));
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
