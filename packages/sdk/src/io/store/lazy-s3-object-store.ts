// The S3 store as `createObjectStore` hands it out: the AWS SDK (about 1.3 MB of code) loads on the first
// call, through a dynamic import, so a task on the filesystem store never loads or parses it. In a
// component bundle the S3 adapter is a separate chunk (build/bundle-component.ts).
import type { Readable } from 'node:stream';
import type {
  ByteRange,
  ObjectInfo,
  ObjectStore,
  PutOptions,
  PutTreeOptions,
  PutTreeResult,
} from './object-store.js';
import type { S3ObjectStore } from './s3-object-store.js';
import { redactEndpoint, type S3StoreConfig } from './s3-settings.js';

/** An `ObjectStore` over S3 that loads `S3ObjectStore` (and the SDK) when first used. */
export class LazyS3ObjectStore implements ObjectStore {
  readonly description: string;
  private loading: Promise<S3ObjectStore> | undefined;

  constructor(private readonly config: S3StoreConfig) {
    this.description = `s3+${redactEndpoint(config.endpoint)}`;
  }

  /** The loaded adapter; loads it once. */
  store(): Promise<S3ObjectStore> {
    this.loading ??= import('./s3-object-store.js').then(
      ({ S3ObjectStore: Store }) => new Store(this.config),
    );
    return this.loading;
  }

  async ensureBucket(bucket: string): Promise<void> {
    return (await this.store()).ensureBucket(bucket);
  }

  async putFile(bucket: string, key: string, path: string, options?: PutOptions): Promise<ObjectInfo> {
    return (await this.store()).putFile(bucket, key, path, options);
  }

  async putStream(bucket: string, key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    return (await this.store()).putStream(bucket, key, body, options);
  }

  async putBytes(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo> {
    return (await this.store()).putBytes(bucket, key, body, options);
  }

  async putBytesIfAbsent(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo | undefined> {
    return (await this.store()).putBytesIfAbsent(bucket, key, body, options);
  }

  async copy(
    bucket: string,
    sourceKey: string,
    targetKey: string,
    options?: PutOptions,
  ): Promise<ObjectInfo> {
    return (await this.store()).copy(bucket, sourceKey, targetKey, options);
  }

  async putTree(bucket: string, dir: string, options: PutTreeOptions): Promise<PutTreeResult> {
    return (await this.store()).putTree(bucket, dir, options);
  }

  async list(bucket: string, prefix?: string): Promise<ObjectInfo[]> {
    return (await this.store()).list(bucket, prefix);
  }

  async get(bucket: string, key: string): Promise<Readable> {
    return (await this.store()).get(bucket, key);
  }

  async getBytes(bucket: string, key: string, range?: ByteRange): Promise<Uint8Array> {
    return (await this.store()).getBytes(bucket, key, range);
  }

  async getFile(bucket: string, key: string, path: string): Promise<ObjectInfo> {
    return (await this.store()).getFile(bucket, key, path);
  }

  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    return (await this.store()).head(bucket, key);
  }

  async delete(bucket: string, key: string): Promise<void> {
    return (await this.store()).delete(bucket, key);
  }

  async abortIncompleteUploads(
    bucket: string,
    prefix: string,
    options?: { readonly olderThanMs?: number },
  ): Promise<number> {
    return (await this.store()).abortIncompleteUploads(bucket, prefix, options);
  }
}
