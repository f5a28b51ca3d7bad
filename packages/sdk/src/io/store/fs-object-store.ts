import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { makeDir } from '../../util/make-dir.js';
import {
  copyInStore,
  KeyExists,
  lowerKeys,
  placeFile,
  readSidecar,
  writeSidecar,
  pruneEmptyDirs,
  removeStaleTempFiles,
  tempName,
} from './fs-store-files.js';
import { resolveRange } from './byte-range.js';
import type {
  ByteRange,
  ObjectInfo,
  ObjectStore,
  PutOptions,
  PutTreeOptions,
  PutTreeResult,
} from './object-store.js';
import { validateBucket, validateKey } from './object-key.js';
import { S3_DEFAULTS } from './s3-settings.js';
import { putTree } from './put-tree.js';
import { BucketNotFoundError, ObjectNotFoundError, StorageRequestError } from './storage-errors.js';

const META_DIR = '.meta';
const TMP_DIR = '.tmp';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export interface FsObjectStoreOptions {
  /** Temp files of other processes older than this are removed by `abortIncompleteUploads` (default 1 h). */
  readonly staleUploadAgeMs?: number;
}

/**
 * Object store on a local directory: `<root>/<bucket>/<key>`. Bucket names cannot start with `.`, so the
 * sidecar metadata (`<root>/.meta/`) and temp files (`<root>/.tmp/`) never collide with objects. Every write
 * goes to a temp file first and is renamed into place, so readers never see half an object.
 */
export class FsObjectStore implements ObjectStore {
  readonly root: string;
  readonly description: string;
  private tmpReady: Promise<unknown> | undefined;
  private readonly knownBuckets = new Set<string>();

  private readonly staleUploadAgeMs: number;

  constructor(root: string, options: FsObjectStoreOptions = {}) {
    this.root = resolve(root);
    this.description = pathToFileURL(this.root).href;
    this.staleUploadAgeMs = options.staleUploadAgeMs ?? S3_DEFAULTS.staleUploadAgeMs;
  }

  async ensureBucket(bucket: string): Promise<void> {
    await makeDir(join(this.root, validateBucket(bucket)));
  }

  /**
   * The filesystem's incomplete uploads are temp files in `<root>/.tmp/`: those of a process that no longer runs,
   * or older than `olderThanMs`, are removed. The bucket and prefix are not encoded in temp names, so this
   * cleans the whole store. Returns how many.
   */
  async abortIncompleteUploads(
    bucket: string,
    _prefix: string,
    options: { readonly olderThanMs?: number } = {},
  ): Promise<number> {
    await this.bucketDir(bucket);
    return removeStaleTempFiles(join(this.root, TMP_DIR), options.olderThanMs ?? this.staleUploadAgeMs);
  }

  async putFile(bucket: string, key: string, path: string, options?: PutOptions): Promise<ObjectInfo> {
    return this.write(bucket, key, options, (tmp) => copyFile(path, tmp));
  }

  async putStream(bucket: string, key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    return this.write(bucket, key, options, (tmp) => pipeline(body, createWriteStream(tmp)));
  }

  async putBytes(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo> {
    return this.write(bucket, key, options, (tmp) => writeFile(tmp, body));
  }

  /** Exclusive create: the temp file is hard-linked into place, which fails when the key exists. */
  async putBytesIfAbsent(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    options?: PutOptions,
  ): Promise<ObjectInfo | undefined> {
    try {
      return await this.write(bucket, key, options, (tmp) => writeFile(tmp, body), 'exclusive');
    } catch (error) {
      if (error instanceof KeyExists) return undefined;
      throw error;
    }
  }

  async copy(
    bucket: string,
    sourceKey: string,
    targetKey: string,
    options?: PutOptions,
  ): Promise<ObjectInfo> {
    const source = await this.existingPath(bucket, sourceKey);
    const sidecar = options ?? (await readSidecar(this.sidecarPath(bucket, sourceKey)));
    return this.write(bucket, targetKey, sidecar, (tmp) => copyInStore(source, tmp));
  }

  putTree(bucket: string, dir: string, options: PutTreeOptions): Promise<PutTreeResult> {
    return putTree(this, bucket, dir, options);
  }

  async list(bucket: string, prefix = ''): Promise<ObjectInfo[]> {
    const bucketDir = await this.bucketDir(bucket);
    // Walk only the deepest directory the prefix names, not the whole bucket.
    const lastSlash = prefix.lastIndexOf('/');
    const start = lastSlash < 0 ? bucketDir : join(bucketDir, validateKey(prefix.slice(0, lastSlash)));
    let entries;
    try {
      entries = await readdir(start, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys = entries
      .filter((e) => e.isFile())
      .map((e) => relative(bucketDir, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((key) => key.startsWith(prefix))
      .sort();
    // Like an S3 listing: size and date, no user metadata (that needs head()).
    const infos = await Promise.all(
      keys.map(async (key): Promise<ObjectInfo | undefined> => {
        const info = await stat(join(bucketDir, key)).catch(() => undefined);
        return info?.isFile() ? { key, size: info.size, lastModified: info.mtime } : undefined;
      }),
    );
    return infos.filter((info): info is ObjectInfo => info !== undefined);
  }

  async get(bucket: string, key: string): Promise<Readable> {
    const path = await this.existingPath(bucket, key);
    return createReadStream(path);
  }

  async getBytes(bucket: string, key: string, range?: ByteRange): Promise<Uint8Array> {
    const path = await this.existingPath(bucket, key);
    if (range === undefined) return new Uint8Array(await readFile(path));
    const file = await open(path, 'r');
    try {
      const { start, end } = resolveRange(range, (await file.stat()).size);
      const buffer = Buffer.alloc(Math.max(0, end - start + 1));
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
    } finally {
      await file.close();
    }
  }

  async getFile(bucket: string, key: string, path: string): Promise<ObjectInfo> {
    const source = await this.existingPath(bucket, key);
    const tmp = `${path}.${tempName()}.tmp`;
    await makeDir(dirname(path));
    try {
      await copyFile(source, tmp);
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return (await this.head(bucket, key)) ?? { key, size: (await stat(path)).size };
  }

  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    const bucketDir = await this.bucketDir(bucket);
    let info;
    try {
      info = await stat(join(bucketDir, validateKey(key)));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    if (!info.isFile()) return undefined;
    const sidecar = await readSidecar(this.sidecarPath(bucket, key));
    return { key, size: info.size, lastModified: info.mtime, metadata: sidecar.metadata ?? {} };
  }

  async delete(bucket: string, key: string): Promise<void> {
    const bucketDir = await this.bucketDir(bucket);
    await rm(join(bucketDir, validateKey(key)), { force: true });
    await rm(this.sidecarPath(bucket, key), { force: true });
    await pruneEmptyDirs(bucketDir, key);
    await pruneEmptyDirs(join(this.root, META_DIR, bucket), key);
  }

  private async write(
    bucket: string,
    key: string,
    options: PutOptions | undefined,
    fill: (tmp: string) => Promise<unknown>,
    mode: 'replace' | 'exclusive' = 'replace',
  ): Promise<ObjectInfo> {
    const target = join(await this.bucketDir(bucket), validateKey(key));
    const tmp = join(await this.tmpDir(), tempName());
    const metadata = lowerKeys(options?.metadata);
    const sidecarPath = this.sidecarPath(bucket, key);
    let renamed = false;
    try {
      await fill(tmp);
      const size = (await stat(tmp)).size;
      await makeDir(dirname(target)).catch((error: unknown) => {
        throw this.conflict(bucket, key, error);
      });
      // Data first, then the sidecar: a crash in between leaves a stale digest, which only causes a re-upload.
      await placeFile(tmp, target, mode).catch((error: unknown) => {
        throw this.conflict(bucket, key, error);
      });
      renamed = true;
      if (metadata === undefined && options?.contentType === undefined) {
        await rm(sidecarPath, { force: true });
      } else {
        await writeSidecar(await this.tmpDir(), sidecarPath, { contentType: options?.contentType, metadata });
      }
      return { key, size, metadata: metadata ?? {} };
    } finally {
      if (!renamed) await rm(tmp, { force: true });
    }
  }

  private async tmpDir(): Promise<string> {
    const dir = join(this.root, TMP_DIR);
    this.tmpReady ??= makeDir(dir);
    await this.tmpReady;
    return dir;
  }

  /** A key that is also a "directory" of other keys (`a` and `a/b`) cannot be stored on a filesystem. */
  private conflict(bucket: string, key: string, error: unknown): Error {
    if (error instanceof KeyExists) return error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'ENOTDIR' && code !== 'EEXIST' && code !== 'ENOTEMPTY')
      return error as Error;
    return new StorageRequestError(
      this.description,
      `put ${bucket}/${key}`,
      'KeyConflict',
      undefined,
      'the filesystem store cannot hold both a key and other keys under "<key>/"',
    );
  }

  /** The bucket's directory; checked once per bucket and store (buckets are never deleted through the store). */
  private async bucketDir(bucket: string): Promise<string> {
    const dir = join(this.root, validateBucket(bucket));
    if (this.knownBuckets.has(bucket)) return dir;
    const info = await stat(dir).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!info?.isDirectory()) throw new BucketNotFoundError(this.description, bucket);
    this.knownBuckets.add(bucket);
    return dir;
  }

  private async existingPath(bucket: string, key: string): Promise<string> {
    const path = join(await this.bucketDir(bucket), validateKey(key));
    const info = await stat(path).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!info?.isFile()) throw new ObjectNotFoundError(this.description, bucket, key);
    return path;
  }

  private sidecarPath(bucket: string, key: string): string {
    return join(this.root, META_DIR, bucket, `${key}.json`);
  }
}
