import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
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
import { putTree } from './put-tree.js';
import { BucketNotFoundError, ObjectNotFoundError, StorageRequestError } from './storage-errors.js';

/** What the sidecar `<root>/.meta/<bucket>/<key>.json` holds next to each object. */
interface Sidecar {
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
}

const META_DIR = '.meta';
const TMP_DIR = '.tmp';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function tempName(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
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

  constructor(root: string) {
    this.root = resolve(root);
    this.description = pathToFileURL(this.root).href;
  }

  async ensureBucket(bucket: string): Promise<void> {
    await mkdir(join(this.root, validateBucket(bucket)), { recursive: true });
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
    await mkdir(dirname(path), { recursive: true });
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
    const sidecar = await this.readSidecar(bucket, key);
    return { key, size: info.size, lastModified: info.mtime, metadata: sidecar.metadata ?? {} };
  }

  async delete(bucket: string, key: string): Promise<void> {
    const bucketDir = await this.bucketDir(bucket);
    await rm(join(bucketDir, validateKey(key)), { force: true });
    await rm(this.sidecarPath(bucket, key), { force: true });
    await this.pruneEmptyDirs(bucketDir, key);
    await this.pruneEmptyDirs(join(this.root, META_DIR, bucket), key);
  }

  private async write(
    bucket: string,
    key: string,
    options: PutOptions | undefined,
    fill: (tmp: string) => Promise<unknown>,
  ): Promise<ObjectInfo> {
    const target = join(await this.bucketDir(bucket), validateKey(key));
    const tmp = join(await this.tmpDir(), tempName());
    const metadata = lowerKeys(options?.metadata);
    const sidecarPath = this.sidecarPath(bucket, key);
    let renamed = false;
    try {
      await fill(tmp);
      const size = (await stat(tmp)).size;
      await mkdir(dirname(target), { recursive: true }).catch((error: unknown) => {
        throw this.conflict(bucket, key, error);
      });
      // Data first, then the sidecar: a crash in between leaves a stale digest, which only causes a re-upload.
      await rename(tmp, target).catch((error: unknown) => {
        throw this.conflict(bucket, key, error);
      });
      renamed = true;
      if (metadata === undefined && options?.contentType === undefined) {
        await rm(sidecarPath, { force: true });
      } else {
        await this.writeSidecar(sidecarPath, { contentType: options?.contentType, metadata });
      }
      return { key, size, metadata: metadata ?? {} };
    } finally {
      if (!renamed) await rm(tmp, { force: true });
    }
  }

  private async writeSidecar(path: string, sidecar: Sidecar): Promise<void> {
    const tmp = join(await this.tmpDir(), `${tempName()}.json`);
    try {
      await writeFile(tmp, JSON.stringify(sidecar));
      await mkdir(dirname(path), { recursive: true });
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  private async tmpDir(): Promise<string> {
    const dir = join(this.root, TMP_DIR);
    this.tmpReady ??= mkdir(dir, { recursive: true });
    await this.tmpReady;
    return dir;
  }

  /** A key that is also a "directory" of other keys (`a` and `a/b`) cannot be stored on a filesystem. */
  private conflict(bucket: string, key: string, error: unknown): Error {
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
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw new BucketNotFoundError(this.description, bucket);
    this.knownBuckets.add(bucket);
    return dir;
  }

  private async existingPath(bucket: string, key: string): Promise<string> {
    const path = join(await this.bucketDir(bucket), validateKey(key));
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new ObjectNotFoundError(this.description, bucket, key);
    return path;
  }

  private sidecarPath(bucket: string, key: string): string {
    return join(this.root, META_DIR, bucket, `${key}.json`);
  }

  private async readSidecar(bucket: string, key: string): Promise<Sidecar> {
    try {
      return JSON.parse(await readFile(this.sidecarPath(bucket, key), 'utf8')) as Sidecar;
    } catch (error) {
      if (isMissing(error)) return {};
      throw error;
    }
  }

  /** Removes directories left empty by a delete, up to (not including) `top`. */
  private async pruneEmptyDirs(top: string, key: string): Promise<void> {
    let dir = dirname(join(top, key));
    while (dir.length > top.length && dir.startsWith(top + sep)) {
      try {
        await rmdir(dir);
      } catch {
        return;
      }
      dir = dirname(dir);
    }
  }
}

function lowerKeys(
  metadata: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
}
