import type { Readable } from 'node:stream';

/** One stored object as listed or inspected. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  /** Entity tag without quotes; for multipart uploads this may be a composite tag. */
  readonly etag?: string;
  readonly lastModified?: Date;
  /** User metadata (lower-case keys), e.g. the content digest used for skip-if-unchanged. */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface PutOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Hex SHA-256 of the body, when the caller has it. S3 signs a single PUT with it instead of hashing the
   * body again, and the server refuses a body that does not match; other stores ignore it.
   */
  readonly sha256?: string;
}

export interface ByteRange {
  /** First byte, inclusive. Omit with `suffix` to read the last bytes. */
  readonly start?: number;
  /** Last byte, inclusive. */
  readonly end?: number;
  /** Read only the last `suffix` bytes (HTTP `bytes=-N`). */
  readonly suffix?: number;
}

export interface PutTreeOptions {
  /** Key prefix under which the tree's relative paths are stored (no leading slash). */
  readonly prefix: string;
  readonly concurrency?: number;
  /** Skip objects whose stored size and digest already match. Default true. */
  readonly skipUnchanged?: boolean;
  readonly onProgress?: (progress: TreeProgress) => void;
}

export interface TreeProgress {
  readonly done: number;
  readonly total: number;
  readonly uploaded: number;
  readonly skipped: number;
  readonly bytes: number;
}

export interface PutTreeResult {
  readonly uploaded: number;
  readonly skipped: number;
  readonly bytes: number;
  readonly keys: readonly string[];
}

/**
 * The storage port both pipelines use. Adapters: the filesystem (the embedded default)
 * and S3 (MinIO, Ceph RGW, AWS S3, Kubeflow's store).
 */
export interface ObjectStore {
  /** Human-readable location for logs, e.g. `s3://host:port` or `file:///abs/dir`; never contains secrets. */
  readonly description: string;
  /** Create the bucket if missing; succeeds when it exists already or is owned by the caller. */
  ensureBucket(bucket: string): Promise<void>;
  putFile(bucket: string, key: string, path: string, options?: PutOptions): Promise<ObjectInfo>;
  putStream(bucket: string, key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo>;
  putBytes(bucket: string, key: string, body: Uint8Array | string, options?: PutOptions): Promise<ObjectInfo>;
  putTree(bucket: string, dir: string, options: PutTreeOptions): Promise<PutTreeResult>;
  /** All objects under a prefix, sorted by key, following pagination to the end. */
  list(bucket: string, prefix?: string): Promise<ObjectInfo[]>;
  get(bucket: string, key: string): Promise<Readable>;
  getBytes(bucket: string, key: string, range?: ByteRange): Promise<Uint8Array>;
  /** Download to a local file through a temp name and rename. */
  getFile(bucket: string, key: string, path: string): Promise<ObjectInfo>;
  /** `undefined` when the object does not exist. */
  head(bucket: string, key: string): Promise<ObjectInfo | undefined>;
  delete(bucket: string, key: string): Promise<void>;
  /**
   * Creates the object only if no object has that key: S3 `PutObject` with `If-None-Match: *`, an exclusive
   * create on the filesystem. Returns `undefined` when the key exists (HTTP 412), the stored object otherwise.
   * Servers that ignore the header overwrite instead; `probeConditionalWrites` (io/publish) detects them.
   */
  putBytesIfAbsent(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo | undefined>;
  /** Server-side copy inside one bucket, content type and metadata included (`options` replace them). */
  copy(bucket: string, sourceKey: string, targetKey: string, options?: PutOptions): Promise<ObjectInfo>;
  /**
   * Removes what crashed writers left under `prefix`: incomplete multipart uploads (S3) or temp files (filesystem)
   * older than `olderThanMs` (default `CAPSTONE_STALE_UPLOAD_AGE_MS`, 1 hour). Writers call it at start-up.
   * Returns how many were removed. Optional so test doubles need not implement it.
   */
  abortIncompleteUploads?(
    bucket: string,
    prefix: string,
    options?: { readonly olderThanMs?: number },
  ): Promise<number>;
}
