// Garbage collection under the lease: what no kept manifest names and no live staging owns goes.
import type { ObjectStore } from '../store/object-store.js';
import { runPool } from '../store/put-tree.js';
import { normalisePrefix, publishKeys, type DatasetLocation } from './layout.js';
import { readCommittedVersion, readCurrentManifest, type StoredManifest } from './read.js';

export interface GcOptions {
  /** Committed versions to keep, the current one included (default 2: readers of the previous one finish). */
  readonly keep?: number;
  /** The version this run stages: its objects and record stay. */
  readonly active?: string;
  /** Takeover markers older than this go (default 1 hour). */
  readonly markerAgeMs?: number;
  readonly now?: Date;
}

export interface GcResult {
  readonly objects: number;
  readonly records: number;
  readonly manifests: number;
  readonly markers: number;
  readonly uploads: number;
}

export const DEFAULT_KEEP_VERSIONS = 2;

/** The current manifest and its predecessors, newest first, as far as the history holds them (at most `keep`). */
export async function keptManifests(
  store: ObjectStore,
  dataset: DatasetLocation,
  keep: number,
): Promise<StoredManifest[]> {
  const chain: StoredManifest[] = [];
  let next = await readCurrentManifest(store, dataset);
  while (next && chain.length < keep) {
    chain.push(next);
    const previous = next.manifest.previous?.version;
    next = previous ? await readCommittedVersion(store, dataset, previous).catch(() => undefined) : undefined;
  }
  return chain;
}

/**
 * Deletes, under `<prefix>/_publish/`: objects of versions that neither a kept manifest names nor the active
 * staging owns, staging records of other versions (their runs are gone: this run holds the lease), history
 * manifests beyond `keep`, old takeover markers, and incomplete uploads anywhere under the prefix (older than
 * the store's stale age). Call it only while holding the lease.
 */
export async function collectGarbage(
  store: ObjectStore,
  dataset: DatasetLocation,
  options: GcOptions = {},
): Promise<GcResult> {
  const keys = publishKeys(dataset.prefix);
  const kept = await keptManifests(store, dataset, options.keep ?? DEFAULT_KEEP_VERSIONS);
  const referenced = new Set(kept.flatMap((stored) => stored.manifest.objects.map((o) => o.key)));
  const keptVersions = new Set(kept.map((stored) => stored.manifest.version));
  if (options.active) keptVersions.add(options.active);
  const cutoff = (options.now ?? new Date()).getTime() - (options.markerAgeMs ?? 3_600_000);
  const doomed = {
    objects: [] as string[],
    records: [] as string[],
    manifests: [] as string[],
    markers: [] as string[],
  };
  for (const info of await store.list(dataset.bucket, keys.publishDir)) {
    const key = info.key;
    if (key.startsWith(keys.versionsDir)) {
      const version = key.slice(keys.versionsDir.length).split('/')[0] ?? '';
      if (version !== options.active && !referenced.has(key)) doomed.objects.push(key);
    } else if (key.startsWith(keys.stagingDir)) {
      if (!keptVersions.has(versionOf(key, keys.stagingDir))) doomed.records.push(key);
    } else if (key.startsWith(keys.historyDir)) {
      if (!keptVersions.has(versionOf(key, keys.historyDir))) doomed.manifests.push(key);
    } else if (key.startsWith(keys.takeoverPrefix)) {
      if ((info.lastModified?.getTime() ?? 0) < cutoff) doomed.markers.push(key);
    }
  }
  const all = [...doomed.objects, ...doomed.records, ...doomed.manifests, ...doomed.markers];
  await runPool(all, 16, (key) => store.delete(dataset.bucket, key));
  // The lease covers the whole prefix: an incomplete upload anywhere under it is a crashed writer's.
  const prefixDir = dataset.prefix ? `${normalisePrefix(dataset.prefix)}/` : '';
  const uploads = (await store.abortIncompleteUploads?.(dataset.bucket, prefixDir)) ?? 0;
  return {
    objects: doomed.objects.length,
    records: doomed.records.length,
    manifests: doomed.manifests.length,
    markers: doomed.markers.length,
    uploads,
  };
}

const versionOf = (key: string, dir: string): string => key.slice(dir.length).replace(/\.json$/, '');
