// After a commit: the book's keys (`<prefix>/<name>`) get the committed version, for readers without manifests.
import type { ObjectInfo, ObjectStore } from '../store/object-store.js';
import { DIGEST_METADATA_KEY, runPool } from '../store/put-tree.js';
import { publishKeys, type DatasetLocation } from './layout.js';
import type { DatasetManifest, ManifestObject } from './manifest.js';
import type { StoredManifest } from './read.js';

export interface MirrorResult {
  readonly copied: number;
  readonly unchanged: number;
  /** Owned book keys the manifest does not name (an earlier, larger version's), deleted. */
  readonly removed: number;
}

/** Book keys under the areas a manifest owns (`images/` owns every key under it, `train.parquet.gzip` one). */
async function ownedBookKeys(
  store: ObjectStore,
  manifest: DatasetManifest,
): Promise<Map<string, ObjectInfo>> {
  const keys = publishKeys(manifest.prefix);
  const found = new Map<string, ObjectInfo>();
  for (const area of manifest.owns) {
    const listed = await store.list(
      manifest.bucket,
      keys.book(area.replace(/\/$/, '')) + (area.endsWith('/') ? '/' : ''),
    );
    for (const info of listed)
      if (area.endsWith('/') || info.key === keys.book(area)) found.set(info.key, info);
  }
  return found;
}

/**
 * Copies every object whose book key does not already hold its bytes (same size and SHA-256 metadata or ETag),
 * then deletes owned book keys the manifest does not name, then records which manifest the book keys equal.
 */
export async function mirrorBookKeys(
  store: ObjectStore,
  dataset: DatasetLocation,
  committed: StoredManifest,
  stored: ReadonlyMap<string, ObjectInfo>,
): Promise<MirrorResult> {
  const { manifest } = committed;
  const keys = publishKeys(dataset.prefix);
  const book = await ownedBookKeys(store, manifest);
  let copied = 0;
  let unchanged = 0;
  await runPool(manifest.objects, 16, async (object) => {
    const target = keys.book(object.name);
    if (await holds(store, manifest.bucket, book.get(target), object, stored.get(object.key))) unchanged += 1;
    else {
      await store.copy(manifest.bucket, object.key, target, {
        metadata: { [DIGEST_METADATA_KEY]: object.sha256 },
      });
      copied += 1;
    }
  });
  const named = new Set(manifest.objects.map((object) => keys.book(object.name)));
  const stale = [...book.keys()].filter((key) => !named.has(key));
  await runPool(stale, 16, (key) => store.delete(manifest.bucket, key));
  await store.putBytes(
    manifest.bucket,
    keys.mirrored,
    `${JSON.stringify({ version: manifest.version, sha256: committed.sha256 })}\n`,
  );
  return { copied, unchanged, removed: stale.length };
}

/** Whether the book key already holds the object's bytes: sizes match, and ETags or the SHA-256 metadata do. */
async function holds(
  store: ObjectStore,
  bucket: string,
  target: ObjectInfo | undefined,
  object: ManifestObject,
  source: ObjectInfo | undefined,
): Promise<boolean> {
  if (target?.size !== object.size) return false;
  if (target.etag && source?.etag && target.etag === source.etag) return true;
  const head = await store.head(bucket, target.key);
  return head?.metadata?.[DIGEST_METADATA_KEY] === object.sha256;
}

/** Whether the book keys were last mirrored from exactly this manifest. */
export async function isMirrored(
  store: ObjectStore,
  dataset: DatasetLocation,
  committed: StoredManifest,
): Promise<boolean> {
  try {
    const bytes = await store.getBytes(dataset.bucket, publishKeys(dataset.prefix).mirrored);
    const record = JSON.parse(Buffer.from(bytes).toString('utf8')) as { sha256?: string };
    return record.sha256 === committed.sha256;
  } catch {
    return false;
  }
}
