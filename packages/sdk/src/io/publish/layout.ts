// Where a published dataset keeps its pieces, under the dataset's own prefix (docs/publishing.md draws it).
import { randomBytes } from 'node:crypto';
import { joinKey, validateKey } from '../store/object-key.js';

/** The folder (under the dataset prefix) that holds everything but the book keys and the manifest. */
export const PUBLISH_DIR = '_publish';
/** The commit point: the current manifest, written last. */
export const MANIFEST_NAME = '_manifest.json';

/** A dataset: one bucket and one key prefix (`''` for the bucket's root). */
export interface DatasetLocation {
  readonly bucket: string;
  readonly prefix: string;
}

/** `a/b/` → `a/b`; an empty prefix stays empty. */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  if (trimmed) validateKey(trimmed);
  return trimmed;
}

/** Every key the publish protocol uses for a dataset at `prefix`. */
export function publishKeys(prefix: string) {
  const base = normalisePrefix(prefix);
  const key = (name: string): string => (base ? joinKey(base, name) : name);
  const dir = key(PUBLISH_DIR);
  return {
    /** The dataset's own keys (the book's contract): `<prefix>/<name>`. */
    book: (name: string): string => key(name),
    manifest: key(MANIFEST_NAME),
    publishDir: `${dir}/`,
    lease: `${dir}/lease.json`,
    /** Markers that decide which of several runs may break one stale lease (`<sha256 of its bytes>`). */
    takeover: (leaseSha256: string): string => `${dir}/lease.takeover.${leaseSha256}`,
    takeoverPrefix: `${dir}/lease.takeover.`,
    /** The book keys equal the manifest named here (written after the mirror completes). */
    mirrored: `${dir}/mirrored.json`,
    versionsDir: `${dir}/versions/`,
    /** A version's objects, written while it is staged and never changed once a manifest names them. */
    object: (version: string, name: string): string => `${dir}/versions/${version}/${name}`,
    stagingDir: `${dir}/staging/`,
    /** The staging record: the manifest-to-be of a version that is not committed yet. */
    staging: (version: string): string => `${dir}/staging/${version}.json`,
    historyDir: `${dir}/manifests/`,
    /** Every committed manifest, written just before the commit point; GC keeps the recent ones. */
    history: (version: string): string => `${dir}/manifests/${version}.json`,
  };
}

export type PublishKeys = ReturnType<typeof publishKeys>;

const VERSION = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;

/** A new version id: sortable by time and unique, e.g. `20260123T101500Z-3fa2c1d0`. */
export function newVersionId(now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

export function isVersionId(text: string): boolean {
  return VERSION.test(text);
}
