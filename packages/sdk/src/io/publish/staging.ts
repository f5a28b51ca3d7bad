// A version being staged: its objects go under `_publish/versions/<version>/`, its record lists them.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ObjectInfo, ObjectStore, PutOptions } from '../store/object-store.js';
import { sha256File } from '../store/file-digest.js';
import { listTreeFiles, runPool, DIGEST_METADATA_KEY } from '../store/put-tree.js';
import { validateKey } from '../store/object-key.js';
import { MANIFEST_NAME, normalisePrefix, PUBLISH_DIR, publishKeys, type DatasetLocation } from './layout.js';
import type { Lease } from './lease.js';
import {
  fingerprintOf,
  serializeManifest,
  sha256Hex,
  type DatasetManifest,
  type ManifestObject,
  type ManifestValue,
} from './manifest.js';
import { ManifestFormatError } from './publish-errors.js';

export interface StagingStats {
  /** Objects whose bytes were sent. */
  uploaded: number;
  /** Objects whose bytes an earlier version already stores (not sent again). */
  reused: number;
  bytes: number;
}

/** Objects the current version stores, by content (`<sha256>:<size>` → key), that the store still has. */
export type ReusableObjects = ReadonlyMap<string, string>;

const contentId = (sha256: string, size: number): string => `${sha256}:${size}`;

/**
 * The objects of one staged version and the record that lists them. Created by `openStaging` (a new version)
 * or `resumeStaging` (a later task of the same run); `commitStaging` makes it the dataset's current version.
 */
export class Staging {
  readonly stats: StagingStats = { uploaded: 0, reused: 0, bytes: 0 };
  private readonly objects = new Map<string, ManifestObject>();
  private record: DatasetManifest;

  constructor(
    readonly store: ObjectStore,
    readonly dataset: DatasetLocation,
    readonly lease: Lease,
    record: DatasetManifest,
    private readonly reusable: ReusableObjects,
  ) {
    this.record = record;
    for (const object of record.objects) this.objects.set(object.name, object);
  }

  get version(): string {
    return this.record.version;
  }

  /** The manifest-to-be: everything staged so far (also by earlier tasks of the run). */
  get manifest(): DatasetManifest {
    return { ...this.record, objects: [...this.objects.values()] };
  }

  addParameters(parameters: { readonly [key: string]: ManifestValue }): void {
    this.record = { ...this.record, parameters: { ...this.record.parameters, ...parameters } };
  }

  /** Adds to what the data was made from; the fingerprint is recomputed over all of it. */
  addInput(detail: { readonly [key: string]: ManifestValue }): void {
    const merged = { ...this.record.input.detail, ...detail };
    this.record = { ...this.record, input: { fingerprint: fingerprintOf(merged), detail: merged } };
  }

  async stageBytes(name: string, body: Uint8Array | string, options?: PutOptions): Promise<ManifestObject> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const sha256 = sha256Hex(bytes);
    return this.stage(name, sha256, bytes.byteLength, (key, metadata) =>
      this.store.putBytes(this.dataset.bucket, key, bytes, { ...options, metadata, sha256 }),
    );
  }

  async stageFile(name: string, path: string): Promise<ManifestObject> {
    const { size } = await stat(path);
    const sha256 = await sha256File(path);
    return this.stage(name, sha256, size, (key, metadata) =>
      this.store.putFile(this.dataset.bucket, key, path, { metadata, sha256 }),
    );
  }

  /** Streams an object of unknown digest: always sent, hashed on the way. */
  async stageStream(name: string, body: Readable): Promise<ManifestObject> {
    this.checkName(name);
    this.lease.lost.throwIfAborted();
    const hash = createHash('sha256');
    let size = 0;
    const key = publishKeys(this.dataset.prefix).object(this.version, name);
    async function* hashed(): AsyncGenerator<Buffer> {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    }
    await this.store.putStream(this.dataset.bucket, key, Readable.from(hashed()));
    return this.remember(name, { name, key, size, sha256: hash.digest('hex') }, true);
  }

  /** Every file under `dir` as `<namePrefix>/<relative path>`. */
  async stageTree(dir: string, namePrefix = '', concurrency = 8): Promise<ManifestObject[]> {
    const files = await listTreeFiles(dir, namePrefix);
    const staged: ManifestObject[] = [];
    await runPool(
      files,
      concurrency,
      async (file) => void staged.push(await this.stageFile(file.key, file.path)),
    );
    return staged.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** An `extractTarToStore` sink: archive entries mapped to dataset names are staged (the bucket is ignored). */
  sink(): Pick<ObjectStore, 'putBytes' | 'putStream'> {
    const asInfo = (object: ManifestObject): ObjectInfo => ({ key: object.name, size: object.size });
    return {
      putBytes: async (_bucket, name, body) => asInfo(await this.stageBytes(name, body)),
      putStream: async (_bucket, name, body) => asInfo(await this.stageStream(name, body)),
    };
  }

  /** Writes the staging record, so later tasks of the run (and the commit) see what this one staged. */
  async save(): Promise<void> {
    this.lease.lost.throwIfAborted();
    const key = publishKeys(this.dataset.prefix).staging(this.version);
    await this.store.putBytes(this.dataset.bucket, key, serializeManifest(this.manifest), {
      contentType: 'application/json',
    });
  }

  private async stage(
    name: string,
    sha256: string,
    size: number,
    put: (key: string, metadata: Record<string, string>) => Promise<unknown>,
  ): Promise<ManifestObject> {
    this.checkName(name);
    this.lease.lost.throwIfAborted();
    const existing = this.reusable.get(contentId(sha256, size));
    if (existing) return this.remember(name, { name, key: existing, size, sha256 }, false);
    const key = publishKeys(this.dataset.prefix).object(this.version, name);
    await put(key, { [DIGEST_METADATA_KEY]: sha256 });
    return this.remember(name, { name, key, size, sha256 }, true);
  }

  private remember(name: string, object: ManifestObject, uploaded: boolean): ManifestObject {
    this.objects.set(name, object);
    if (uploaded) {
      this.stats.uploaded += 1;
      this.stats.bytes += object.size;
    } else {
      this.stats.reused += 1;
    }
    return object;
  }

  private checkName(name: string): void {
    validateKey(name);
    if (name === MANIFEST_NAME || name.split('/')[0] === PUBLISH_DIR) {
      throw new ManifestFormatError(
        `object name '${name}'`,
        `'${MANIFEST_NAME}' and '${PUBLISH_DIR}/' are the publish protocol's own keys`,
      );
    }
  }
}

/** A fresh staging record for a new version. */
export function newStagingRecord(
  dataset: DatasetLocation,
  version: string,
  options: { readonly runId?: string; readonly owns: readonly string[]; readonly now: Date },
): DatasetManifest {
  return {
    format: 'capstone-dataset-manifest/1',
    bucket: dataset.bucket,
    prefix: normalisePrefix(dataset.prefix),
    version,
    ...(options.runId ? { runId: options.runId } : {}),
    createdAt: options.now.toISOString(),
    parameters: {},
    input: { fingerprint: fingerprintOf({}), detail: {} },
    owns: [...options.owns],
    objects: [],
  };
}
