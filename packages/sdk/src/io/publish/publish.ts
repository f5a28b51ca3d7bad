// The publish protocol's steps: open a version (lease, repair, GC), resume it in a later task, commit it.
import type { ObjectInfo, ObjectStore } from '../store/object-store.js';
import { validateBucket } from '../store/object-key.js';
import { collectGarbage, DEFAULT_KEEP_VERSIONS, type GcResult } from './gc.js';
import { newVersionId, normalisePrefix, publishKeys, type DatasetLocation } from './layout.js';
import { acquireLease, type Lease, type LeaseOptions } from './lease.js';
import { serializeManifest, sha256Hex, type DatasetManifest } from './manifest.js';
import { isMirrored, mirrorBookKeys, type MirrorResult } from './mirror.js';
import { ObjectIntegrityError, PublishError } from './publish-errors.js';
import { datasetName, readCurrentManifest, readStagedVersion, type StoredManifest } from './read.js';
import { newStagingRecord, Staging, type ReusableObjects } from './staging.js';

export interface PublishOptions
  extends Pick<LeaseOptions, 'runId' | 'runnerPid' | 'ttlMs' | 'waitMs' | 'pollMs'> {
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
  /** Committed versions kept for readers that still hold an older manifest (default 2). */
  readonly keepVersions?: number;
}

export interface OpenOptions extends PublishOptions {
  /** The book-key areas the dataset owns (see `DatasetManifest.owns`). */
  readonly owns: readonly string[];
}

export interface CommitResult extends StoredManifest {
  readonly mirror: MirrorResult;
  readonly gc: GcResult;
}

function checked(dataset: DatasetLocation): DatasetLocation {
  return { bucket: validateBucket(dataset.bucket), prefix: normalisePrefix(dataset.prefix) };
}

/**
 * Starts a new version of a dataset: takes the lease (waiting or failing as `waitMs` says), finishes a mirror an
 * earlier run left half done, collects garbage, and writes an empty staging record. The lease is renewed while
 * this process runs and stays with the version for the run's later tasks (`resumeStaging`).
 */
export async function openStaging(
  store: ObjectStore,
  location: DatasetLocation,
  options: OpenOptions,
): Promise<Staging> {
  const dataset = checked(location);
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const version = newVersionId(now());
  await store.ensureBucket(dataset.bucket);
  const lease = await acquireLease(store, dataset, { ...options, holder: version, log, now });
  try {
    const current = await readCurrentManifest(store, dataset);
    if (current && !(await isMirrored(store, dataset, current))) {
      log(
        `the book keys lag behind version ${current.manifest.version} (an earlier mirror was cut short): mirroring it first`,
      );
      await mirrorBookKeys(store, dataset, current, await listVersions(store, dataset));
    }
    const gc = await collectGarbage(store, dataset, {
      keep: options.keepVersions ?? DEFAULT_KEEP_VERSIONS,
      active: version,
    });
    logGc(gc, log);
    const reusable = await reusableObjects(store, dataset, current ? [current.manifest] : []);
    const record = newStagingRecord(dataset, version, {
      owns: options.owns,
      now: now(),
      ...(options.runId ? { runId: options.runId } : {}),
    });
    const staging = new Staging(store, dataset, lease, record, reusable);
    await staging.save();
    lease.keepAlive();
    log(`staging version ${version} of ${datasetName(dataset)}`);
    return staging;
  } catch (error) {
    await lease.release().catch(() => undefined);
    throw error;
  }
}

/** Continues a version an earlier task of the same run staged: adopts its lease and loads its record. */
export async function resumeStaging(
  store: ObjectStore,
  location: DatasetLocation,
  version: string,
  options: PublishOptions = {},
): Promise<Staging> {
  const dataset = checked(location);
  const log = options.log ?? (() => undefined);
  const lease = await acquireLease(store, dataset, { ...options, holder: version, log });
  try {
    const staged = await readStagedVersion(store, dataset, version);
    const current = await readCurrentManifest(store, dataset);
    const manifests = [staged.manifest, ...(current ? [current.manifest] : [])];
    const staging = new Staging(
      store,
      dataset,
      lease,
      staged.manifest,
      await reusableObjects(store, dataset, manifests),
    );
    lease.keepAlive();
    return staging;
  } catch (error) {
    await lease.release().catch(() => undefined);
    throw error;
  }
}

/**
 * Makes a staged version the dataset's current one: checks every staged object is stored at its size, writes
 * the manifest to the history and then to `<prefix>/_manifest.json` (the commit point), mirrors the book keys,
 * removes stale ones, collects garbage and releases the lease.
 */
export async function commitStaging(staging: Staging, options: PublishOptions = {}): Promise<CommitResult> {
  const { store, dataset, lease } = staging;
  const keys = publishKeys(dataset.prefix);
  const now = options.now ?? (() => new Date());
  await lease.assertHeld();
  const draft = staging.manifest;
  if (draft.objects.length === 0)
    throw new PublishError(
      `${datasetName(dataset)}: version ${draft.version} has no objects; nothing to commit`,
    );
  const listed = await listVersions(store, dataset);
  checkStaged(draft, listed);
  const current = await readCurrentManifest(store, dataset);
  const manifest: DatasetManifest = {
    ...draft,
    committedAt: now().toISOString(),
    ...(current ? { previous: { version: current.manifest.version, sha256: current.sha256 } } : {}),
  };
  const bytes = serializeManifest(manifest);
  await store.putBytes(dataset.bucket, keys.history(manifest.version), bytes, {
    contentType: 'application/json',
  });
  await lease.assertHeld();
  await store.putBytes(dataset.bucket, keys.manifest, bytes, { contentType: 'application/json' });
  const committed = { manifest, sha256: sha256Hex(bytes) };
  await store.delete(dataset.bucket, keys.staging(manifest.version));
  const mirror = await mirrorBookKeys(store, dataset, committed, listed);
  const gc = await collectGarbage(store, dataset, { keep: options.keepVersions ?? DEFAULT_KEEP_VERSIONS });
  await lease.release();
  return { ...committed, mirror, gc };
}

/** A failed task gives the lease back at once (the staged objects stay for a resume or the next run's GC). */
export async function abandonStaging(staging: Staging | Lease | undefined): Promise<void> {
  const lease = staging instanceof Staging ? staging.lease : staging;
  await lease?.release().catch(() => undefined);
}

async function listVersions(store: ObjectStore, dataset: DatasetLocation): Promise<Map<string, ObjectInfo>> {
  const listed = await store.list(dataset.bucket, publishKeys(dataset.prefix).versionsDir);
  return new Map(listed.map((info) => [info.key, info]));
}

function checkStaged(manifest: DatasetManifest, listed: ReadonlyMap<string, ObjectInfo>): void {
  for (const object of manifest.objects) {
    const stored = listed.get(object.key);
    if (stored?.size !== object.size) {
      throw new ObjectIntegrityError(
        `${manifest.bucket}/${object.key} (${object.name})`,
        stored
          ? `staged as ${object.size} bytes, the store has ${stored.size}`
          : 'staged, but the store no longer has it',
      );
    }
  }
}

/** Objects of these manifests the store still holds at their size, by content, for staging to reuse. */
async function reusableObjects(
  store: ObjectStore,
  dataset: DatasetLocation,
  manifests: readonly DatasetManifest[],
): Promise<ReusableObjects> {
  if (manifests.length === 0) return new Map();
  const listed = await listVersions(store, dataset);
  const reusable = new Map<string, string>();
  for (const object of manifests.flatMap((manifest) => manifest.objects)) {
    if (listed.get(object.key)?.size === object.size)
      reusable.set(`${object.sha256}:${object.size}`, object.key);
  }
  return reusable;
}

function logGc(gc: GcResult, log: (line: string) => void): void {
  const parts = Object.entries(gc)
    .filter(([, count]) => count > 0)
    .map(([what, count]) => `${count} ${what}`);
  if (parts.length > 0) log(`garbage-collected what earlier runs left: ${parts.join(', ')}`);
}
