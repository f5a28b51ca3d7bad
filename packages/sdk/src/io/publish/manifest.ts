// The dataset manifest: what one published version holds, byte for byte, and how it was made.
import { createHash } from 'node:crypto';
import { ManifestFormatError } from './publish-errors.js';

export const MANIFEST_FORMAT = 'capstone-dataset-manifest/1';

export type ManifestValue =
  | string
  | number
  | boolean
  | null
  | readonly ManifestValue[]
  | { readonly [key: string]: ManifestValue };

/** One object of a version. */
export interface ManifestObject {
  /** The dataset-relative name, e.g. `train.parquet.gzip` or `images/CA01_02.tif`; its book key is `<prefix>/<name>`. */
  readonly name: string;
  /** Where the bytes are stored: under some version's folder (an unchanged object keeps an earlier version's key). */
  readonly key: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
}

export interface DatasetManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly bucket: string;
  readonly prefix: string;
  readonly version: string;
  /** The run that made it (`CAPSTONE_RUN_ID` locally), when known. */
  readonly runId?: string;
  /** When staging began. */
  readonly createdAt: string;
  /** Absent in a staging record; set by the commit. */
  readonly committedAt?: string;
  /** The run's parameters that shaped the data (credentials masked by the caller). */
  readonly parameters: { readonly [key: string]: ManifestValue };
  /** What the data was made from: `fingerprint` is one digest of `detail` (an archive digest, table fingerprints). */
  readonly input: {
    readonly fingerprint: string;
    readonly detail: { readonly [key: string]: ManifestValue };
  };
  /** The manifest this one replaced: its version and the SHA-256 of its bytes. */
  readonly previous?: { readonly version: string; readonly sha256: string };
  /**
   * The book-key areas this dataset owns: names ending in `/` own every key under them, others one key. After a
   * commit, owned book keys that the manifest does not name are removed (an older, larger version's objects).
   */
  readonly owns: readonly string[];
  /** Sorted by name. */
  readonly objects: readonly ManifestObject[];
}

/** The exact bytes stored for a manifest (stable: objects sorted, two-space JSON, trailing newline). */
export function serializeManifest(manifest: DatasetManifest): string {
  const objects = [...manifest.objects].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${JSON.stringify({ ...manifest, objects }, null, 2)}\n`;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One digest of a JSON value, independent of key order: `sha256:<hex>`. */
export function fingerprintOf(value: ManifestValue): string {
  return `sha256:${sha256Hex(stableJson(value))}`;
}

function stableJson(value: ManifestValue): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item as ManifestValue)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Parses and checks stored manifest bytes; `where` names the object in errors. */
export function parseManifest(bytes: Uint8Array | string, where: string): DatasetManifest {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new ManifestFormatError(where, 'not JSON');
  }
  const fail = (problem: string): never => {
    throw new ManifestFormatError(where, problem);
  };
  const m = (value ?? {}) as Partial<Record<keyof DatasetManifest, unknown>>;
  if (m.format !== MANIFEST_FORMAT)
    fail(`format is ${JSON.stringify(m.format)}, expected ${MANIFEST_FORMAT}`);
  for (const field of ['bucket', 'prefix', 'version', 'createdAt'] as const) {
    if (typeof m[field] !== 'string') fail(`${field} must be a string`);
  }
  if (!Array.isArray(m.objects)) return fail('objects must be a list');
  if (!Array.isArray(m.owns)) fail('owns must be a list');
  const input = m.input as { fingerprint?: unknown } | undefined;
  if (typeof input?.fingerprint !== 'string') fail('input.fingerprint must be a string');
  const names = new Set<string>();
  for (const [index, item] of (m.objects as Partial<ManifestObject>[]).entries()) {
    const at = `objects[${index}]`;
    if (typeof item.name !== 'string' || !item.name) fail(`${at}.name must be a non-empty string`);
    if (typeof item.key !== 'string' || !item.key) fail(`${at}.key must be a non-empty string`);
    if (!Number.isSafeInteger(item.size) || (item.size as number) < 0)
      fail(`${at}.size must be a byte count`);
    if (typeof item.sha256 !== 'string' || !SHA256.test(item.sha256))
      fail(`${at}.sha256 must be 64 hex digits`);
    if (names.has(item.name as string)) fail(`${at}.name ${JSON.stringify(item.name)} appears twice`);
    names.add(item.name as string);
  }
  return value as DatasetManifest;
}
