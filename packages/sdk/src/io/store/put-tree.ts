import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ObjectInfo, ObjectStore, PutTreeOptions, PutTreeResult, TreeProgress } from './object-store.js';
import { joinKey, validateKey } from './object-key.js';
import { sha256File } from './file-digest.js';

/** User-metadata key holding the hex SHA-256 of an object's content (`x-amz-meta-sha256` on S3). */
export const DIGEST_METADATA_KEY = 'sha256';
export const DEFAULT_TREE_CONCURRENCY = 8;
/** Files up to this size are read once into memory (hash + upload from the same buffer); larger ones stream. */
const IN_MEMORY_LIMIT = 8 * 1024 * 1024;

/** The store operations put-tree needs; both adapters delegate their `putTree` here. */
export type TreeTarget = Pick<
  ObjectStore,
  'list' | 'head' | 'putBytes' | 'putFile' | 'abortIncompleteUploads'
>;

interface TreeFile {
  readonly path: string;
  readonly key: string;
  readonly size: number;
}

/** Regular files under `dir` (recursively, symlinks not followed), sorted by key. */
export async function listTreeFiles(dir: string, prefix: string): Promise<TreeFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry): Promise<TreeFile> => {
        const path = join(entry.parentPath, entry.name);
        const key = validateKey(joinKey(prefix, relative(dir, path).split(sep).join('/')));
        return { path, key, size: (await stat(path)).size };
      }),
  );
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Runs `task` over `items` with at most `concurrency` in flight; stops starting new ones after a failure. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
}

/**
 * Uploads every file under `dir` to `bucket` under `options.prefix`, first aborting stale incomplete uploads a
 * crashed run left there. With `skipUnchanged` (the default) an object is skipped when its stored size and
 * `sha256` metadata match the file; one listing finds the candidates so a first upload costs no extra requests.
 */
export async function putTree(
  store: TreeTarget,
  bucket: string,
  dir: string,
  options: PutTreeOptions,
): Promise<PutTreeResult> {
  const files = await listTreeFiles(dir, options.prefix);
  await store.abortIncompleteUploads?.(bucket, prefixOf(options.prefix));
  const skipUnchanged = options.skipUnchanged ?? true;
  const listed = skipUnchanged
    ? await storedObjects(store, bucket, options.prefix)
    : new Map<string, ObjectInfo>();
  const progress = { done: 0, total: files.length, uploaded: 0, skipped: 0, bytes: 0 };
  const report = (): void => options.onProgress?.({ ...progress } satisfies TreeProgress);
  await runPool(files, options.concurrency ?? DEFAULT_TREE_CONCURRENCY, async (file) => {
    const uploaded = await putOne(store, bucket, file, listed.get(file.key));
    if (uploaded) {
      progress.uploaded += 1;
      progress.bytes += file.size;
    } else {
      progress.skipped += 1;
    }
    progress.done += 1;
    report();
  });
  const { uploaded, skipped, bytes } = progress;
  return { uploaded, skipped, bytes, keys: files.map((f) => f.key) };
}

/** `data` → `data/` (so `data-old/` is not included); an empty prefix stays empty. */
function prefixOf(prefix: string): string {
  return prefix.replace(/\/+$/, '') === '' ? '' : joinKey(prefix, '');
}

async function storedObjects(
  store: TreeTarget,
  bucket: string,
  prefix: string,
): Promise<Map<string, ObjectInfo>> {
  const objects: ObjectInfo[] = await store.list(bucket, prefixOf(prefix));
  return new Map(objects.map((o) => [o.key, o]));
}

/** A plain (single-part, unencrypted) S3 ETag is the content's MD5; multipart and SSE tags are not. */
const MD5_ETAG = /^[0-9a-f]{32}$/;

const digest = (algorithm: 'md5' | 'sha256', bytes: Buffer): string =>
  createHash(algorithm).update(bytes).digest('hex');

/**
 * The object already holds this content when the size matches and either the listing's plain-MD5 ETag
 * matches (no request, no SHA-256) or the `sha256` metadata does (one HEAD).
 */
async function isStored(
  store: TreeTarget,
  bucket: string,
  file: TreeFile,
  listed: ObjectInfo | undefined,
  bytes: Buffer | undefined,
  sha256: () => Promise<string>,
): Promise<boolean> {
  if (listed?.size !== file.size) return false;
  if (
    bytes !== undefined &&
    listed.etag !== undefined &&
    MD5_ETAG.test(listed.etag) &&
    listed.etag === digest('md5', bytes)
  ) {
    return true;
  }
  const stored = await store.head(bucket, file.key);
  return stored?.size === file.size && stored.metadata?.[DIGEST_METADATA_KEY] === (await sha256());
}

/** Returns true when the file was uploaded, false when an identical object was already stored. */
async function putOne(
  store: TreeTarget,
  bucket: string,
  file: TreeFile,
  listed: ObjectInfo | undefined,
): Promise<boolean> {
  const bytes = file.size <= IN_MEMORY_LIMIT ? await readFile(file.path) : undefined;
  let hashed: Promise<string> | undefined;
  const sha256 = (): Promise<string> =>
    (hashed ??= bytes ? Promise.resolve(digest('sha256', bytes)) : sha256File(file.path));
  if (await isStored(store, bucket, file, listed, bytes, sha256)) return false;
  const hex = await sha256();
  const options = { metadata: { [DIGEST_METADATA_KEY]: hex }, sha256: hex };
  if (bytes) await store.putBytes(bucket, file.key, bytes, options);
  else await store.putFile(bucket, file.key, file.path, options);
  return true;
}
