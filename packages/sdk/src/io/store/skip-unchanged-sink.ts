import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ObjectInfo, ObjectStore, PutOptions } from './object-store.js';
import { DIGEST_METADATA_KEY } from './put-tree.js';

/** Counts what a `SkipUnchangedSink` did. */
export interface SinkStats {
  uploaded: number;
  skipped: number;
}

export interface SkipUnchangedSinkOptions {
  /** Runs once, before the first object is actually written (not before skips): e.g. withdraw a manifest. */
  readonly beforeFirstWrite?: () => Promise<void>;
}

/**
 * Wraps a store for extraction into it: an object whose stored size and `sha256` metadata match the new
 * bytes is not uploaded again (one listing of the prefix, then a HEAD only where sizes match); new bytes
 * are stored with their `sha256` metadata so the next run can skip them. Streams (large entries) always upload.
 * It remembers which keys it created, so a failed run can remove them (`removeCreated`).
 */
export class SkipUnchangedSink {
  readonly stats: SinkStats = { uploaded: 0, skipped: 0 };
  private readonly created = new Set<string>();
  private firstWrite: Promise<void> | undefined;

  private constructor(
    private readonly store: ObjectStore,
    private readonly listed: ReadonlyMap<string, ObjectInfo>,
    private readonly options: SkipUnchangedSinkOptions,
  ) {}

  static async open(
    store: ObjectStore,
    bucket: string,
    prefix: string,
    options: SkipUnchangedSinkOptions = {},
  ): Promise<SkipUnchangedSink> {
    const existing = await store.list(bucket, prefix);
    return new SkipUnchangedSink(store, new Map(existing.map((info) => [info.key, info])), options);
  }

  async putBytes(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const listed = this.listed.get(key);
    if (listed?.size === bytes.byteLength) {
      const stored = await this.store.head(bucket, key);
      if (stored?.metadata?.[DIGEST_METADATA_KEY] === sha256) {
        this.stats.skipped += 1;
        return stored;
      }
    }
    await this.beforeWrite(key);
    this.stats.uploaded += 1;
    return this.store.putBytes(bucket, key, bytes, {
      ...options,
      metadata: { ...options?.metadata, [DIGEST_METADATA_KEY]: sha256 },
    });
  }

  async putStream(bucket: string, key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    await this.beforeWrite(key);
    this.stats.uploaded += 1;
    return this.store.putStream(bucket, key, body, options);
  }

  /** Deletes the objects this sink created (keys absent when it was opened); returns how many. */
  async removeCreated(bucket: string): Promise<number> {
    let removed = 0;
    for (const key of this.created) {
      await this.store.delete(bucket, key);
      removed += 1;
    }
    this.created.clear();
    return removed;
  }

  private async beforeWrite(key: string): Promise<void> {
    this.firstWrite ??= this.options.beforeFirstWrite?.() ?? Promise.resolve();
    await this.firstWrite;
    if (!this.listed.has(key)) this.created.add(key);
  }
}
