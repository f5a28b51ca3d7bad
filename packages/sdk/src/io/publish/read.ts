// Reading a dataset through its manifest: the current one, a committed version, or a staged one.
import { rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeDir } from '../../util/make-dir.js';
import { sha256File } from '../store/file-digest.js';
import type { ObjectStore } from '../store/object-store.js';
import { normalisePrefix, publishKeys, type DatasetLocation } from './layout.js';
import { parseManifest, sha256Hex, type DatasetManifest, type ManifestObject } from './manifest.js';
import { ObjectIntegrityError, VersionNotFoundError } from './publish-errors.js';

/** A manifest as stored: parsed, with the SHA-256 of its exact bytes. */
export interface StoredManifest {
  readonly manifest: DatasetManifest;
  readonly sha256: string;
}

export function datasetName(dataset: DatasetLocation): string {
  const prefix = normalisePrefix(dataset.prefix);
  return `${dataset.bucket}/${prefix ? `${prefix}/` : ''}`;
}

async function readManifestAt(
  store: ObjectStore,
  bucket: string,
  key: string,
): Promise<StoredManifest | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await store.getBytes(bucket, key);
  } catch (error) {
    if ((error as Error).name === 'ObjectNotFoundError') return undefined;
    throw error;
  }
  return { manifest: parseManifest(bytes, `${bucket}/${key}`), sha256: sha256Hex(bytes) };
}

/** The dataset's current manifest (the commit point), or undefined when nothing was ever published. */
export function readCurrentManifest(
  store: ObjectStore,
  dataset: DatasetLocation,
): Promise<StoredManifest | undefined> {
  return readManifestAt(store, dataset.bucket, publishKeys(dataset.prefix).manifest);
}

/** A committed version's manifest, from the history the commit keeps. */
export async function readCommittedVersion(
  store: ObjectStore,
  dataset: DatasetLocation,
  version: string,
): Promise<StoredManifest> {
  const current = await readCurrentManifest(store, dataset);
  if (current?.manifest.version === version) return current;
  const stored = await readManifestAt(store, dataset.bucket, publishKeys(dataset.prefix).history(version));
  if (!stored) {
    throw new VersionNotFoundError(
      datasetName(dataset),
      version,
      'committed',
      `the current version is ${current?.manifest.version ?? '(none)'}; older versions are garbage-collected`,
    );
  }
  return stored;
}

/** A staged version's record: the manifest-to-be, with what earlier tasks of the run staged. */
export async function readStagedVersion(
  store: ObjectStore,
  dataset: DatasetLocation,
  version: string,
): Promise<StoredManifest> {
  const stored = await readManifestAt(store, dataset.bucket, publishKeys(dataset.prefix).staging(version));
  if (!stored) {
    throw new VersionNotFoundError(
      datasetName(dataset),
      version,
      'staged',
      'its run may have failed and released it, or another run garbage-collected it after the lease expired; start a new run',
    );
  }
  return stored;
}

/** The object a manifest names, or an error naming what it does hold. */
export function objectNamed(manifest: DatasetManifest, name: string): ManifestObject {
  const found = manifest.objects.find((object) => object.name === name);
  if (!found) {
    const some = manifest.objects
      .slice(0, 5)
      .map((o) => o.name)
      .join(', ');
    throw new ObjectIntegrityError(
      `${manifest.bucket}/${manifest.prefix} version ${manifest.version}`,
      `the manifest names no object '${name}' (it has ${manifest.objects.length}: ${some}${manifest.objects.length > 5 ? ', …' : ''})`,
    );
  }
  return found;
}

function check(manifest: DatasetManifest, object: ManifestObject, size: number, sha256: string): void {
  const where = `${manifest.bucket}/${object.key} (${object.name} of version ${manifest.version})`;
  if (size !== object.size)
    throw new ObjectIntegrityError(where, `expected ${object.size} bytes as the manifest says, read ${size}`);
  if (sha256 !== object.sha256)
    throw new ObjectIntegrityError(
      where,
      `expected sha256 ${object.sha256} as the manifest says, read ${sha256}`,
    );
}

/** An object's bytes, checked against the manifest's size and SHA-256. */
export async function getVerifiedBytes(
  store: ObjectStore,
  manifest: DatasetManifest,
  name: string,
): Promise<Uint8Array> {
  const object = objectNamed(manifest, name);
  const bytes = await store.getBytes(manifest.bucket, object.key);
  check(manifest, object, bytes.byteLength, sha256Hex(bytes));
  return bytes;
}

/**
 * Downloads an object to `path` (through a temp name), checked against the manifest; nothing is left on a
 * mismatch. The store writes the file its own way (a filesystem store copies it in the kernel, with no pass
 * through this thread); the bytes checked are then the local copy's (`sha256File`).
 */
export async function getVerifiedFile(
  store: ObjectStore,
  manifest: DatasetManifest,
  name: string,
  path: string,
): Promise<ManifestObject> {
  const object = objectNamed(manifest, name);
  const tmp = `${path}.${process.pid}.verify.tmp`;
  await makeDir(dirname(path));
  try {
    await store.getFile(manifest.bucket, object.key, tmp);
    check(manifest, object, (await stat(tmp)).size, await sha256File(tmp));
    await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
  return object;
}
